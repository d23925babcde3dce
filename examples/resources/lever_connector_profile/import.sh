# Import a connector profile by its id in the store.
terraform import lever_connector_profile.hiring_sync lcp_ujzdegxdncf32epf3dhodzdoci
