# Import a scope set by its id in the store.
terraform import lever_scope_set.hiring_sync lss_s2jhtlgmxgedn73u55xtplpft7
