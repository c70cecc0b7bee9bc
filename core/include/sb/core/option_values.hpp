// The values of one converter's options for a batch: what the user typed,
// validated, plus the defaults. Read-only while jobs run, so workers share it.
#pragma once

#include <sb/core/option_value.hpp>

#include <sb/plugin_abi.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sb::core {

class OptionValues {
public:
    OptionValues() = default;
    // Fills every option that has a default.
    explicit OptionValues(const sb_converter_desc &desc);

    // Records a validated value the user gave explicitly.
    void set_explicit(const std::string &name, OptionValue value);

    bool is_set(const std::string &name) const;        // given by the user
    const OptionValue *find(const std::string &name) const; // explicit or default
    std::int64_t get_int(const std::string &name) const;
    double get_float(const std::string &name) const;
    const char *get_string(const std::string &name) const; // nullptr when absent

    // "--quality 23 --preset medium ..." for logs and reports (explicit ones only).
    std::vector<std::pair<std::string, std::string>> explicit_values() const;

private:
    std::map<std::string, OptionValue> values_;
    std::map<std::string, bool> explicit_;
};

// The batch's output extension (".m4a"): the value of the converter's
// SB_OPTION_OUTPUT_EXTENSION option when it has one (ABI 1.1), else
// desc.output_extension.
std::string output_extension_for(const sb_converter_desc &desc, const OptionValues &values);

} // namespace sb::core
