// Copyright (c) The terraform-provider-lever authors
// SPDX-License-Identifier: MPL-2.0

package provider

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/connectorprofiles/terraform-provider-lever/internal/backend"
	"github.com/connectorprofiles/terraform-provider-lever/internal/backend/httpclient"
)

// configuredData unpacks what the provider's Configure handed over. It is
// nil before the provider is configured, which Terraform allows during
// validation.
func configuredData(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. Please report this to the provider "+
				"developers.", raw))
		return nil
	}
	return data
}

// addBackendError turns a store error into a diagnostic that says what
// happened and what to do about it.
func addBackendError(diags *diag.Diagnostics, action string, store backend.Backend, err error) {
	var (
		taken        *backend.NameTakenError
		defaultTaken *backend.DefaultTakenError
		conflict     *backend.ConflictError
		busy         *backend.BusyError
	)
	switch {
	case errors.As(err, &taken):
		diags.AddError("Name Already Taken", nameTakenDetail(taken))
	case errors.As(err, &defaultTaken):
		diags.AddError("Default Profile Already Set", defaultTakenDetail(defaultTaken))
	case errors.Is(err, backend.ErrNotFound):
		diags.AddError("Deleted Outside Terraform",
			fmt.Sprintf("Could not %s: it is no longer in the %s; someone deleted it since "+
				"Terraform last read it. Run `terraform apply` again: the refresh notices the "+
				"deletion and plans to create it anew.", action, store.Describe()))
	case errors.As(err, &conflict):
		diags.AddError("Changed Outside Terraform",
			fmt.Sprintf("Could not %s: someone else changed %s in the %s since Terraform last "+
				"read it (Terraform saw version %d, the store now has version %d). Nothing was "+
				"overwritten. Run `terraform plan` again to see the current values, then apply.",
				action, conflict.ID, store.Describe(), conflict.Expected, conflict.Actual))
	case errors.As(err, &busy) && isHTTP(store):
		diags.AddError("Store Busy",
			fmt.Sprintf("Could not %s: the %s kept answering that its store is busy, for %s "+
				"of retries. Nothing was written. Retry when the load is lower, or raise the "+
				"provider's max_retries.\n\n%s", action, store.Describe(),
				busy.Timeout.Round(time.Millisecond), busy.Err))
	case errors.As(err, &busy):
		diags.AddError("Store Busy",
			fmt.Sprintf("Could not %s: the %s is busy. Another process held its write lock for "+
				"more than %s. Nothing was written. Retry when the other run finishes, or raise "+
				"the provider's embedded_lock_timeout.", action, store.Describe(), busy.Timeout))
	default:
		diags.AddError("Store Error",
			fmt.Sprintf("Could not %s in the %s.\n\n%s", action, store.Describe(), err))
	}
}

// nameTakenDetail explains a name clash and the two ways out: import the
// object that has the name, or choose another one.
func nameTakenDetail(taken *backend.NameTakenError) string {
	resourceType, scope := "lever_connector_profile", "per environment in the store"
	where := " in the " + taken.Environment + " environment"
	if taken.Environment == "" {
		resourceType, scope, where = "lever_scope_set", "in the store", ""
	}
	return fmt.Sprintf("A %s named %q already exists%s, with id %s, and names are unique %s. "+
		"Nothing was written. Choose another name, or, if the existing one is the one you mean, "+
		"manage it with this configuration by importing it:\n\n"+
		"  terraform import %s.<name> %s\n\nor with an import block:\n\n"+
		"  import {\n    to = %s.<name>\n    id = %q\n  }",
		taken.Kind, taken.Name, where, taken.ExistingID, scope, resourceType, taken.ExistingID,
		resourceType, taken.ExistingID)
}

// defaultTakenDetail explains a second default profile and how to move the
// default from one profile to another.
func defaultTakenDetail(taken *backend.DefaultTakenError) string {
	return fmt.Sprintf("The %s environment already has a default profile, %q (id %s), and an "+
		"environment has at most one. Nothing was written. Set default = false here, or move "+
		"the default: set default = false on %q and apply, then set it here.",
		taken.Environment, taken.ExistingName, taken.ExistingID, taken.ExistingName)
}

// idPrefixes tells which resource type an id belongs to, so that an id
// imported into the wrong type gets a pointed message.
var idPrefixes = map[string]string{
	"lcp_": "lever_connector_profile",
	"lss_": "lever_scope_set",
}

// addImportError explains why an id cannot be imported.
func addImportError(diags *diag.Diagnostics, resourceType, id string, store backend.Backend, err error) {
	if !errors.Is(err, backend.ErrNotFound) {
		addBackendError(diags, "import "+id, store, err)
		return
	}
	detail := fmt.Sprintf("The %s holds no %s with id %q. ", store.Describe(), resourceType, id)
	for prefix, owner := range idPrefixes {
		if strings.HasPrefix(id, prefix) && owner != resourceType {
			detail += fmt.Sprintf("Ids starting with %q belong to %s; import it as that type. ",
				prefix, owner)
		}
	}
	diags.AddError("Cannot Import "+resourceType, detail+"Check the id, and that the provider's "+
		storeSetting(store)+" that holds the object.")
}

// isHTTP tells the API's client from a store the provider opens itself.
func isHTTP(store backend.Backend) bool {
	_, ok := store.(*httpclient.Client)
	return ok
}

// storeSetting names the provider settings that choose the store, for
// messages about an object that is not where the configuration expects.
func storeSetting(store backend.Backend) string {
	if isHTTP(store) {
		return "endpoint and credentials point at the API"
	}
	return "embedded_path points at the store"
}
