// Builds a converter's command-line options from its descriptors (the plugin
// never sees CLI11) and turns what was parsed into validated OptionValues.
#pragma once

#include <sb/core/option_values.hpp>

#include <sb/plugin_abi.h>

#include <CLI/CLI.hpp>

#include <deque>
#include <string>

namespace sb::core {

class OptionBridge {
public:
    // Adds one CLI11 option per descriptor to `command`, with help text, value
    // name, default and allowed values (range or choices) shown in --help. Values
    // are validated while parsing: a bad one is a CLI::ValidationError that names
    // the flag and what it accepts.
    OptionBridge(CLI::App &command, const sb_converter_desc &desc);
    OptionBridge(const OptionBridge &) = delete;
    OptionBridge &operator=(const OptionBridge &) = delete;

    // After parsing: defaults plus what the user gave.
    OptionValues values() const;

private:
    struct Binding {
        const sb_option_desc *desc = nullptr;
        CLI::Option *option = nullptr;
        std::string text;
    };
    const sb_converter_desc &desc_;
    std::deque<Binding> bindings_; // deque: CLI11 keeps references into it
};

} // namespace sb::core
