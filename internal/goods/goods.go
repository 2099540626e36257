// Package goods reads free-text goods descriptions of customs declarations in Russian, Ukrainian, Turkish,
// Chinese and English and says what the goods are: goods classes of the shared tradetrace taxonomy
// ("arms.military", "drone.parts", "civilian" …), likely HS chapters and headings, and the evidence that
// decided it — words, model and brand names, calibres and part numbers, each with its weight — with a
// confidence.
//
// It works from text alone, whatever HS code was declared, so that a declaration whose code says
// "sporting rifle" or "toy" but whose text names an assault-rifle model, a military calibre or a ballistic
// protection class can be caught. Civilian wording ("hunting", "airsoft", "toy", "for civilian use") is not
// dropped: it is kept as a declared reading beside the strongest controlled reading (Result.Declared,
// Result.DeclaredClass, Result.Military), because the misdeclaration detector needs both sides.
//
// The vocabulary is data (data/*.txt and data/partnumbers.tsv, provenance in data/SOURCES.md), compiled
// once into an Aho–Corasick automaton over normalised text (see Normalize): one table lookup per byte,
// whatever the size of the vocabulary. Each entry adds its weight to a class as a noisy-or term. Entries
// that name other things too (M16, Phantom, "helmet") count fully only beside other evidence of their
// family; part words ("battery", "barrel") count for the parts class of what they are parts of; modifiers
// ("ballistic", "automatic", NIJ IIIA) strengthen a reading; declared non-item wording ("toy",
// "airsoft") weakens words but not firm evidence such as part numbers, calibres and protection classes.
// A controlled class is decided when its score reaches Threshold and beats the civilian reading.
package goods

import "strings"

// Class is a goods class of the shared tradetrace taxonomy. Class IDs are stable strings used across
// packages.
type Class string

// The goods classes of the shared taxonomy. The HS heading or chapter each stands for is in the comment.
const (
	ArmsMilitary             Class = "arms.military"             // 9301
	ArmsPistol               Class = "arms.revolver_pistol"      // 9302
	ArmsSporting             Class = "arms.sporting_hunting"     // 9303
	ArmsOther                Class = "arms.other"                // 9304: air, spring and gas guns, truncheons
	ArmsParts                Class = "arms.parts"                // 9305
	ArmsAmmunition           Class = "arms.ammunition"           // 9306
	ArmsBladed               Class = "arms.bladed"               // 9307
	ArmourBody               Class = "armour.body"               // body armour, ballistic plates and vests
	ArmourHelmet             Class = "armour.helmet"             // ballistic helmets
	VehicleMilitary          Class = "vehicle.military"          // 8710 tanks and armoured vehicles
	VesselMilitary           Class = "vessel.military"           // 8906
	Aircraft                 Class = "aircraft"                  // 8802
	Drone                    Class = "drone"                     // 8806 unmanned aircraft
	DroneParts               Class = "drone.parts"               // 8807, drone batteries, cameras, flight controllers
	OpticsThermal            Class = "optics.thermal"            // thermal imaging cameras and sights
	OpticsNightVision        Class = "optics.night_vision"       // image intensifiers, night-vision devices
	OpticsWeaponSight        Class = "optics.weapon_sight"       // 9013.10 telescopic and collimator sights
	Navigation               Class = "navigation"                // 8526.91, GNSS, 9014
	Radar                    Class = "radar"                     // 8526.10
	CommsRadio               Class = "comms.radio"               // 8517, 8525.60 transceivers
	EngineGasTurbine         Class = "engine.gas_turbine"        // 8411
	EngineOther              Class = "engine.other"              // 8407, 8408
	MachineTool              Class = "machine_tool"              // 8456–8466, CNC
	ElectronicsIC            Class = "electronics.ic"            // 8542
	ElectronicsSemiconductor Class = "electronics.semiconductor" // 8541
	ElectronicsOther         Class = "electronics.other"         // 8471, 8473, 8504, 8517, 8525, 8529, 8532–8536, 8548
	Bearing                  Class = "bearing"                   // 8482
	Explosives               Class = "explosives"                // chapter 36
	ChemicalsPrecursor       Class = "chemicals.precursor"       // precursors of explosives, propellants and agents
	Civilian                 Class = "civilian"                  // ordinary goods: none of the above
)

// classInfo is what the taxonomy says of a class: its family (the part of the ID before the dot) and the
// HS chapter and heading it stands for when the text gives nothing more precise. An empty heading means the
// class spans several headings.
type classInfo struct {
	class   Class
	family  string
	chapter string
	heading string
}

// classTable lists the taxonomy in a fixed order; the index of a class in it is its internal number.
var classTable = [...]classInfo{
	{ArmsMilitary, "arms", "93", "9301"},
	{ArmsPistol, "arms", "93", "9302"},
	{ArmsSporting, "arms", "93", "9303"},
	{ArmsOther, "arms", "93", "9304"},
	{ArmsParts, "arms", "93", "9305"},
	{ArmsAmmunition, "arms", "93", "9306"},
	{ArmsBladed, "arms", "93", "9307"},
	{ArmourBody, "armour", "63", ""}, // vests 6307 or 6211; plates 3926, 6914, 7326 by material
	{ArmourHelmet, "armour", "65", "6506"},
	{VehicleMilitary, "vehicle", "87", "8710"},
	{VesselMilitary, "vessel", "89", "8906"},
	{Aircraft, "aircraft", "88", "8802"},
	{Drone, "drone", "88", "8806"},
	{DroneParts, "drone", "88", "8807"},
	{OpticsThermal, "optics", "90", ""}, // cameras 8525.89, sights 9013.10, monoculars 9013.80
	{OpticsNightVision, "optics", "90", ""},
	{OpticsWeaponSight, "optics", "90", "9013"},
	{Navigation, "navigation", "85", "8526"},
	{Radar, "radar", "85", "8526"},
	{CommsRadio, "comms", "85", ""},
	{EngineGasTurbine, "engine", "84", "8411"},
	{EngineOther, "engine", "84", ""},
	{MachineTool, "machine_tool", "84", ""},
	{ElectronicsIC, "electronics", "85", "8542"},
	{ElectronicsSemiconductor, "electronics", "85", "8541"},
	{ElectronicsOther, "electronics", "85", ""},
	{Bearing, "bearing", "84", "8482"},
	{Explosives, "explosives", "36", ""},
	{ChemicalsPrecursor, "chemicals", "", ""},
	{Civilian, "civilian", "", ""},
}

const nClasses = len(classTable)

// civilianIdx is the internal number of Civilian.
const civilianIdx = nClasses - 1

// families lists the families in first-seen order of classTable; famOf maps a class number to its family
// number.
var families, famOf = func() ([]string, [nClasses]int8) {
	var names []string
	var of [nClasses]int8
	for i, ci := range classTable {
		j := -1
		for k, n := range names {
			if n == ci.family {
				j = k
			}
		}
		if j < 0 {
			j = len(names)
			names = append(names, ci.family)
		}
		of[i] = int8(j)
	}
	return names, of
}()

const nFamilies = 17

// civilianFam is the family number of Civilian.
var civilianFam = famOf[civilianIdx]

// Classes returns every class of the taxonomy in a fixed order, Civilian last.
func Classes() []Class {
	out := make([]Class, nClasses)
	for i, ci := range classTable {
		out[i] = ci.class
	}
	return out
}

// classIndex returns the internal number of c, or -1 when c is not in the taxonomy.
func classIndex(c Class) int {
	for i, ci := range classTable {
		if ci.class == c {
			return i
		}
	}
	return -1
}

// familyIndex returns the number of a family name, or -1.
func familyIndex(name string) int {
	for i, n := range families {
		if n == name {
			return i
		}
	}
	return -1
}

// Valid reports whether c is a class of the taxonomy.
func (c Class) Valid() bool { return classIndex(c) >= 0 }

// Controlled reports whether c is one of the classes investigators watch: any valid class but Civilian.
func (c Class) Controlled() bool { return c != Civilian && c.Valid() }

// Family returns the part of the class ID before the dot: "arms" for ArmsMilitary, "drone" for DroneParts.
func (c Class) Family() string {
	if i := strings.IndexByte(string(c), '.'); i >= 0 {
		return string(c[:i])
	}
	return string(c)
}

// Chapter returns the HS chapter the class stands for by default ("93"), or "" when it spans chapters.
func (c Class) Chapter() string {
	if i := classIndex(c); i >= 0 {
		return classTable[i].chapter
	}
	return ""
}

// Heading returns the HS heading the class stands for by default ("9301"), or "" when it spans headings.
func (c Class) Heading() string {
	if i := classIndex(c); i >= 0 {
		return classTable[i].heading
	}
	return ""
}
