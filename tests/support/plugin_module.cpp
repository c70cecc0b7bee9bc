#include "plugin_module.hpp"

#include <gtest/gtest.h>

#include <cstring>

#include <dlfcn.h>

namespace sb::test {

const sb_plugin_entry_t *plugin_entry_in(const char *module_path) {
    void *handle = dlopen(module_path, RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        ADD_FAILURE() << "dlopen(" << module_path << "): " << dlerror();
        return nullptr;
    }
    void *symbol = dlsym(handle, SB_PLUGIN_ENTRY_SYMBOL);
    if (symbol == nullptr) ADD_FAILURE() << "no " << SB_PLUGIN_ENTRY_SYMBOL << " in " << module_path;
    return static_cast<const sb_plugin_entry_t *>(symbol);
}

const sb_plugin_desc *plugin_of(const sb_plugin_entry_t *entry) {
    if (entry == nullptr) return nullptr;
    sb_host_info host{};
    host.struct_size = sizeof host;
    host.abi_major = SB_ABI_VERSION_MAJOR;
    host.abi_minor = SB_ABI_VERSION_MINOR;
    host.host_version = "tests";
    return entry->get_plugin(&host);
}

const sb_converter_desc *converter_named(const sb_plugin_desc *plugin, const char *name) {
    if (plugin == nullptr) return nullptr;
    for (uint32_t i = 0; i < plugin->converter_count; ++i)
        if (std::strcmp(plugin->converters[i]->name, name) == 0) return plugin->converters[i];
    ADD_FAILURE() << "plugin " << plugin->id << " has no '" << name << "' converter";
    return nullptr;
}

} // namespace sb::test
