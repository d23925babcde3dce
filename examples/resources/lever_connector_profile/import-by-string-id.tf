import {
  to = lever_connector_profile.hiring_sync
  id = "lcp_ujzdegxdncf32epf3dhodzdoci"
}
