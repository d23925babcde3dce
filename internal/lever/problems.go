// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package lever

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Severity says whether a Problem blocks a change or only deserves attention.
type Severity int

const (
	// SeverityError marks a value Lever or the platform would refuse.
	SeverityError Severity = iota
	// SeverityWarning marks a value that works but is probably not what was meant.
	SeverityWarning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "error"
	case SeverityWarning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// Problem is what a check found, precise enough to become a Terraform diagnostic on
// one attribute or one element of a set attribute.
type Problem struct {
	// Field is the attribute the problem is about, in Terraform's snake_case.
	Field string
	// Element is the set element the problem is about, such as one scope or action
	// name, or "" when the problem is about the whole field.
	Element string
	// Severity says whether the problem blocks the change.
	Severity Severity
	// Summary is a short Title Case headline.
	Summary string
	// Detail says in full sentences what is wrong, what is allowed and how to fix
	// it. It never contains a client secret.
	Detail string
}

// Error formats the problem for callers that are not Terraform.
func (p Problem) Error() string {
	field := p.Field
	if p.Element != "" {
		field += fmt.Sprintf("[%q]", p.Element)
	}
	return field + ": " + p.Detail
}

// HasErrors reports whether any of the problems has SeverityError.
func HasErrors(ps []Problem) bool {
	for _, p := range ps {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// fieldError builds an error about a whole field.
func fieldError(field, summary, format string, args ...any) Problem {
	return Problem{
		Field:    field,
		Severity: SeverityError,
		Summary:  summary,
		Detail:   fmt.Sprintf(format, args...),
	}
}

// elementProblem builds a problem about one element of a set field.
func elementProblem(field, element string, sev Severity, summary, detail string) Problem {
	return Problem{
		Field:    field,
		Element:  element,
		Severity: sev,
		Summary:  summary,
		Detail:   detail,
	}
}

// hasControl reports whether s contains a control character (C0 or C1, including
// tabs and line breaks).
func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// isInvisible reports whether r changes a text without showing: a format character
// (category Cf, such as zero-width spaces and joiners, the byte order mark and the
// bidirectional controls), a line or paragraph separator (U+2028, U+2029), or one of
// the other characters Unicode says to render as nothing (Other_Default_Ignorable_
// Code_Point: the Hangul fillers U+3164 and U+FFA0, the combining grapheme joiner,
// ...), which pass for a blank or for nothing at all. Variation selectors stay
// allowed, because an emoji such as "❤️" needs one.
func isInvisible(r rune) bool {
	return unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Other_Default_Ignorable_Code_Point)
}

// findRune returns the first rune of s that match accepts, its position counted in
// characters from 1, and how many further runes match, so that a message can point
// at the character rather than repeat a long value. An invalid byte counts as one
// character, U+FFFD. It reports pos 0 when nothing matches.
func findRune(s string, match func(rune) bool) (r rune, pos, more int) {
	i := 0
	for _, c := range s {
		i++
		if !match(c) {
			continue
		}
		if pos == 0 {
			r, pos = c, i
		} else {
			more++
		}
	}
	return r, pos, more
}

// describeRune renders what findRune found, e.g. "U+200B at position 5" or
// "U+0009 (a tab) at position 3, and 2 more like it".
func describeRune(r rune, pos, more int) string {
	s := fmt.Sprintf("%U", r)
	if name, ok := runeNames[r]; ok {
		s += " (" + name + ")"
	}
	s += fmt.Sprintf(" at position %d", pos)
	if more > 0 {
		s += fmt.Sprintf(", and %d more like it", more)
	}
	return s
}

// runeNames names the characters a person is likely to meet in these messages,
// because "U+000A" alone means little to most readers.
var runeNames = map[rune]string{
	0x00:   "NUL",
	'\t':   "a tab",
	'\n':   "a line break",
	'\r':   "a carriage return",
	0x85:   "a next-line control",
	0x200B: "a zero-width space",
	0x200C: "a zero-width non-joiner",
	0x200D: "a zero-width joiner",
	0x2028: "a line separator",
	0x2029: "a paragraph separator",
	0x2060: "a word joiner",
	0xFEFF: "a byte order mark",
}

// invisibleProblem reports the first invisible character (see isInvisible) in s, the
// value of field, or returns nil. what is the noun for the value, such as "name";
// shown is the value as the message quotes it, or "" to leave it out.
func invisibleProblem(field, what, shown, s string) []Problem {
	r, pos, more := findRune(s, isInvisible)
	return describeInvisible(field, what, shown, r, pos, more)
}

// invisibleInTextProblem is invisibleProblem for text people read, such as a
// name or a description, where joiners that belong to the text are allowed:
// see invisibleInText.
func invisibleInTextProblem(field, what, shown, s string) []Problem {
	runes := []rune(s)
	var r rune
	pos, more := 0, 0
	for i := range runes {
		if !invisibleInText(runes, i) {
			continue
		}
		if pos == 0 {
			r, pos = runes[i], i+1
		} else {
			more++
		}
	}
	return describeInvisible(field, what, shown, r, pos, more)
}

// invisibleInText is isInvisible for the rune at i of a text, with the
// exceptions that writing needs: a zero-width joiner or non-joiner between two
// visible characters, one of them in a script that joiners shape (see joins),
// as in Persian words and emoji such as 👩‍💻, and the tag characters that spell a subdivision
// flag such as 🏴󠁧󠁢󠁳󠁣󠁴󠁿 after U+1F3F4.
func invisibleInText(runes []rune, i int) bool {
	r := runes[i]
	if !isInvisible(r) {
		return false
	}
	switch {
	case r == 0x200C || r == 0x200D:
		if i == 0 || i == len(runes)-1 || !visible(runes[i-1]) || !visible(runes[i+1]) {
			return true
		}
		return !joins(runes[i-1]) && !joins(runes[i+1])
	case r >= 0xE0020 && r <= 0xE007F:
		j := i - 1
		for j >= 0 && runes[j] >= 0xE0020 && runes[j] <= 0xE007E {
			j--
		}
		return j < 0 || runes[j] != 0x1F3F4
	}
	return true
}

// joins reports whether a joiner beside r may belong to the text: r is outside
// ASCII and the Latin, Greek and Cyrillic scripts, whose letters joiners never
// shape, and where a hidden joiner would only make two names look the same.
func joins(r rune) bool {
	return r > unicode.MaxASCII && !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
}

// visible reports whether r shows as something: not whitespace, a control
// or an invisible character.
func visible(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !isInvisible(r) && r != utf8.RuneError
}

// describeInvisible reports what invisibleProblem found, or nil when pos is 0.
func describeInvisible(field, what, shown string, r rune, pos, more int) []Problem {
	if pos == 0 {
		return nil
	}
	if shown != "" {
		shown = " " + shown
	}
	return []Problem{fieldError(field, titleCase(what)+" Contains Invisible Characters",
		"The %s%s contains the invisible character %s. Invisible characters, such as "+
			"zero-width spaces, byte order marks, direction controls and line separators, "+
			"make two different %ss look the same. Remove them.",
		what, shown, describeRune(r, pos, more), what)}
}

// quotedMax is the longest value, in characters, that a message quotes whole. Longer
// values, such as a file pasted into an argument by mistake, show as their start and
// end: a message that repeats a megabyte helps nobody.
const quotedMax = 120

// quoteValue quotes a value for a message with %q, shortened as quoteShort does.
func quoteValue(s string) string {
	return quoteShort(s, "%q")
}

// quoteShort quotes s with the verb given ("%q" or "%+q"). Beyond quotedMax
// characters it keeps the first 80 and the last 20, which show surrounding
// whitespace, with the length between them: "aaaa"…"aaa " (1048577 characters).
func quoteShort(s, verb string) string {
	n := utf8.RuneCountInString(s)
	if n <= quotedMax {
		return fmt.Sprintf(verb, s)
	}
	runes := []rune(s)
	return fmt.Sprintf(verb+"…"+verb+" (%d characters)", string(runes[:80]),
		string(runes[n-20:]), n)
}

// hasSpace reports whether s contains whitespace anywhere.
func hasSpace(s string) bool {
	return strings.IndexFunc(s, unicode.IsSpace) >= 0
}

// isBlank reports whether s is empty or only whitespace.
func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}

// quoteList renders names as "a", "b" and "c" for messages.
func quoteList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	switch len(quoted) {
	case 0:
		return ""
	case 1:
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
}

// plural returns word with an "s" unless n is one, for counts in messages.
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
