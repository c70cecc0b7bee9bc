#include "commands.hpp"

#include <sb/core/json_report.hpp>
#include <sb/core/plugin_validation.hpp>

#include <fmt/format.h>

#include <string>

namespace sb::app {

namespace {

std::string extensions_of(const sb_converter_desc &desc, const char *separator) {
    std::string out;
    for (auto e = desc.input_extensions; e && *e; ++e) out += (out.empty() ? "" : separator) + std::string(*e);
    return out;
}

void print_json(const core::PluginRegistry &registry) {
    using core::json_escape;
    std::string out = "{\n  \"converters\": [";
    bool first = true;
    for (const auto &c : registry.converters()) {
        out += first ? "\n" : ",\n";
        first = false;
        std::string inputs;
        for (auto e = c.desc->input_extensions; e && *e; ++e) inputs += (inputs.empty() ? "" : ", ") + json_escape(*e);
        out += fmt::format(
            "    {{\"name\": {}, \"summary\": {}, \"inputs\": [{}], \"output\": {}, \"plugin\": {}, \"plugin_version\": {}, "
            "\"abi\": {}, \"file\": {}}}",
            json_escape(c.desc->name), json_escape(c.desc->summary), inputs, json_escape(c.desc->output_extension),
            json_escape(c.plugin_id), json_escape(c.plugin_version), json_escape(core::abi_version_text(c.abi_major, c.abi_minor)),
            json_escape(c.library.string()));
    }
    out += "\n  ],\n  \"rejected\": [";
    first = true;
    for (const auto &r : registry.rejected()) {
        out += first ? "\n" : ",\n";
        first = false;
        out += fmt::format("    {{\"file\": {}, \"reason\": {}}}", json_escape(r.library.string()), json_escape(r.reason));
    }
    out += "\n  ]\n}\n";
    fmt::print("{}", out);
}

} // namespace

int list_command(const core::PluginRegistry &registry, bool json) {
    if (json) {
        print_json(registry);
        return 0;
    }
    if (registry.converters().empty()) fmt::print("no converters loaded\n");
    for (const auto &c : registry.converters()) {
        fmt::print("{}\n", c.desc->name);
        fmt::print("  {}\n", c.desc->summary);
        fmt::print("  inputs:  {}\n", extensions_of(*c.desc, " "));
        fmt::print("  output:  {}\n", c.desc->output_extension);
        fmt::print("  plugin:  {} {} (ABI {})\n", c.plugin_id, c.plugin_version, core::abi_version_text(c.abi_major, c.abi_minor));
        fmt::print("  file:    {}\n", c.library.string());
    }
    if (!registry.rejected().empty()) {
        fmt::print("\nrejected plugin files:\n");
        for (const auto &r : registry.rejected()) fmt::print("  {}: {}\n", r.library.string(), r.reason);
    }
    return 0;
}

} // namespace sb::app
