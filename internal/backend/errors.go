// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package backend

import (
	"errors"
	"fmt"
	"time"
)

// ErrNotFound reports that no object has the requested id.
var ErrNotFound = errors.New("not found")

// NameTakenError reports a create or rename that would give two objects the
// same name where names must be unique.
type NameTakenError struct {
	// Kind is "profile" or "scope set".
	Kind string
	Name string
	// Environment is set for profiles, whose names are unique per environment.
	Environment string
	// ExistingID is the id of the object that already has the name.
	ExistingID string
}

func (e *NameTakenError) Error() string {
	if e.Environment != "" {
		return fmt.Sprintf("a %s named %q already exists in %s with id %s",
			e.Kind, e.Name, e.Environment, e.ExistingID)
	}
	return fmt.Sprintf("a %s named %q already exists with id %s", e.Kind, e.Name, e.ExistingID)
}

// ConflictError reports an update based on a version that is no longer the
// stored one: someone else changed the object in between.
type ConflictError struct {
	ID       string
	Expected int64
	Actual   int64
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("%s was changed elsewhere: expected version %d, found version %d",
		e.ID, e.Expected, e.Actual)
}

// BusyError reports a store that stayed locked by another writer for longer
// than the lock timeout.
type BusyError struct {
	// Store names the store, as Backend.Describe does.
	Store   string
	Timeout time.Duration
	Err     error
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("%s is busy: its write lock could not be had within %s", e.Store, e.Timeout)
}

func (e *BusyError) Unwrap() error { return e.Err }

// DefaultTakenError reports a create or update that would give an
// environment a second default profile.
type DefaultTakenError struct {
	Environment  string
	ExistingID   string
	ExistingName string
}

func (e *DefaultTakenError) Error() string {
	return fmt.Sprintf("the %s environment already has a default profile: %q (%s)",
		e.Environment, e.ExistingName, e.ExistingID)
}
