// --dry-run: prints what a batch would do, file by file, and touches nothing.
#pragma once

#include <sb/core/batch_plan.hpp>
#include <sb/core/option_values.hpp>
#include <sb/core/plugin_registry.hpp>

#include <cstdio>

namespace sb::core {

// Asks the converter's plan() (when it has one) what it would do with each input
// and prints its decisions under the file's line. Returns the number of inputs
// that would fail.
std::size_t print_dry_run(const BatchPlan &plan, const LoadedConverter &converter, const OptionValues &options, std::FILE *out);

} // namespace sb::core
