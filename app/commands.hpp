// The sb sub-commands that are not converters, and the one that runs a batch.
#pragma once

#include <sb/core/batch_options.hpp>
#include <sb/core/option_values.hpp>
#include <sb/core/plugin_registry.hpp>

namespace sb::app {

// `sb ls [--json]`: loaded converters and rejected plugin files.
int list_command(const core::PluginRegistry &registry, bool json);

// `sb version`: sb, the plugin ABI, the FFmpeg libraries.
int version_command();

// `sb <converter> ...`: collect, plan, run (or dry-run), report. Returns the exit code.
int batch_command(const core::LoadedConverter &converter, core::BatchOptions options, const core::OptionValues &values);

} // namespace sb::app
