import {
  to = lever_scope_set.hiring_sync
  id = "lss_s2jhtlgmxgedn73u55xtplpft7"
}
