#include <sb/core/option_values.hpp>

#include <sb/core/descriptor_access.hpp>

#include <variant>

namespace sb::core {

OptionValues::OptionValues(const sb_converter_desc &desc) {
    for (std::uint32_t i = 0; i < desc.option_count; ++i) {
        const auto &o = option_at(desc, i);
        if (o.type == SB_OPTION_FLAG) {
            values_[o.name] = OptionValue{"0", 0, 0.0};
            continue;
        }
        if (!o.default_value) continue;
        auto parsed = parse_option_value(o, o.default_value);
        if (auto *v = std::get_if<OptionValue>(&parsed)) values_[o.name] = std::move(*v);
    }
}

void OptionValues::set_explicit(const std::string &name, OptionValue value) {
    values_[name] = std::move(value);
    explicit_[name] = true;
}

bool OptionValues::is_set(const std::string &name) const { return explicit_.count(name) != 0; }

const OptionValue *OptionValues::find(const std::string &name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? nullptr : &it->second;
}

std::int64_t OptionValues::get_int(const std::string &name) const {
    const auto *v = find(name);
    return v ? v->integer : 0;
}

double OptionValues::get_float(const std::string &name) const {
    const auto *v = find(name);
    return v ? v->real : 0.0;
}

const char *OptionValues::get_string(const std::string &name) const {
    const auto *v = find(name);
    return v ? v->text.c_str() : nullptr;
}

std::vector<std::pair<std::string, std::string>> OptionValues::explicit_values() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto &[name, is_explicit] : explicit_)
        if (is_explicit) out.emplace_back(name, values_.at(name).text);
    return out;
}

std::string output_extension_for(const sb_converter_desc &desc, const OptionValues &values) {
    for (std::uint32_t i = 0; i < desc.option_count; ++i) {
        const auto &o = option_at(desc, i);
        if (!(o.flags & SB_OPTION_OUTPUT_EXTENSION)) continue;
        const char *chosen = values.get_string(o.name);
        if (chosen && *chosen) return std::string(".") + chosen;
    }
    return desc.output_extension;
}

} // namespace sb::core
