// Package lists knows the sanctions and export-control lists tradetrace loads: their names, publishers, licences
// and file layouts, the folder layout of a lists directory, and how to tell a list file's format from its content.
// It loads one list, all of them, or whatever files a user points at, into list entities.
package lists
