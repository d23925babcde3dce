// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package postgres

// setField copies a change's member into a record when the change sets it.
func setField[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}
