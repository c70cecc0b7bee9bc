// A strict JSON (RFC 8259) reader for checking the reports sb writes. Strict on
// purpose: anything a real parser would reject (trailing commas, bare control
// characters in strings, garbage after the value) is an error here too.
#ifndef SB_E2E_JSON_READER_HPP
#define SB_E2E_JSON_READER_HPP

#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace sb::e2e {

struct JsonValue;
using JsonArray = std::vector<JsonValue>;
using JsonObject = std::map<std::string, JsonValue>;

struct JsonValue {
    std::variant<std::nullptr_t, bool, double, std::string, std::shared_ptr<JsonArray>, std::shared_ptr<JsonObject>> value;

    bool is_object() const { return std::holds_alternative<std::shared_ptr<JsonObject>>(value); }
    bool is_array() const { return std::holds_alternative<std::shared_ptr<JsonArray>>(value); }
    bool is_string() const { return std::holds_alternative<std::string>(value); }
    bool is_number() const { return std::holds_alternative<double>(value); }
    bool is_bool() const { return std::holds_alternative<bool>(value); }

    // Throw std::runtime_error when the value has another type or the key is missing.
    const JsonObject &object() const;
    const JsonArray &array() const;
    const std::string &string() const;
    double number() const;
    bool boolean() const;
    const JsonValue &operator[](const std::string &key) const;
    bool has(const std::string &key) const;
};

// Throws std::runtime_error naming the offset of the first error.
JsonValue parse_json(const std::string &text);

} // namespace sb::e2e

#endif // SB_E2E_JSON_READER_HPP
