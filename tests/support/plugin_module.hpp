// Loads a converter plugin module the way the host does (dlopen, the exported
// entry, get_plugin with this build's ABI), for tests that drive a converter
// through its C ABI with a fake host. Each failure is a gtest failure and a
// nullptr. The module stays loaded until the process exits, as in the host.
#ifndef SB_TEST_PLUGIN_MODULE_HPP
#define SB_TEST_PLUGIN_MODULE_HPP

#include <sb/plugin_abi.h>

namespace sb::test {

const sb_plugin_entry_t *plugin_entry_in(const char *module_path);
const sb_plugin_desc *plugin_of(const sb_plugin_entry_t *entry);
const sb_converter_desc *converter_named(const sb_plugin_desc *plugin, const char *name);

} // namespace sb::test

#endif // SB_TEST_PLUGIN_MODULE_HPP
