#include "json_reader.hpp"

#include <cmath>
#include <cstdlib>

namespace sb::e2e {

namespace {

class Parser {
public:
    explicit Parser(const std::string &text) : text_(text) {}

    JsonValue document() {
        JsonValue v = value();
        skip_space();
        if (pos_ != text_.size()) fail("unexpected text after the value");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string &what) const {
        throw std::runtime_error("invalid JSON at offset " + std::to_string(pos_) + ": " + what);
    }
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++pos_;
    }
    void skip_space() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) ++pos_;
    }
    bool literal(const char *word) {
        const std::string w = word;
        if (text_.compare(pos_, w.size(), w) != 0) return false;
        pos_ += w.size();
        return true;
    }

    JsonValue value() {
        skip_space();
        const char c = peek();
        if (c == '{') return object();
        if (c == '[') return array();
        if (c == '"') return {string()};
        if (literal("true")) return {true};
        if (literal("false")) return {false};
        if (literal("null")) return {nullptr};
        if (c == '-' || (c >= '0' && c <= '9')) return {number()};
        fail("expected a value");
    }

    JsonValue object() {
        expect('{');
        auto obj = std::make_shared<JsonObject>();
        skip_space();
        if (peek() == '}') {
            ++pos_;
            return {obj};
        }
        for (;;) {
            skip_space();
            std::string key = string();
            skip_space();
            expect(':');
            (*obj)[key] = value();
            skip_space();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect('}');
            return {obj};
        }
    }

    JsonValue array() {
        expect('[');
        auto arr = std::make_shared<JsonArray>();
        skip_space();
        if (peek() == ']') {
            ++pos_;
            return {arr};
        }
        for (;;) {
            arr->push_back(value());
            skip_space();
            if (peek() == ',') {
                ++pos_;
                continue;
            }
            expect(']');
            return {arr};
        }
    }

    unsigned hex4() {
        if (pos_ + 4 > text_.size()) fail("short \\u escape");
        unsigned v = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = text_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("bad \\u escape");
        }
        return v;
    }

    static void append_utf8(std::string &out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string string() {
        expect('"');
        std::string out;
        for (;;) {
            if (pos_ >= text_.size()) fail("unterminated string");
            const unsigned char c = static_cast<unsigned char>(text_[pos_++]);
            if (c == '"') return out;
            if (c < 0x20) fail("control character in a string");
            if (c != '\\') {
                out += static_cast<char>(c);
                continue;
            }
            const char e = pos_ < text_.size() ? text_[pos_++] : '\0';
            switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                unsigned cp = hex4();
                if (cp >= 0xD800 && cp < 0xDC00) {
                    if (!literal("\\u")) fail("lone high surrogate");
                    const unsigned low = hex4();
                    if (low < 0xDC00 || low >= 0xE000) fail("bad low surrogate");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                append_utf8(out, cp);
                break;
            }
            default: fail("bad escape");
            }
        }
    }

    double number() {
        const std::size_t start = pos_;
        if (peek() == '-') ++pos_;
        if (peek() == '0') {
            ++pos_;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') ++pos_;
        } else {
            fail("bad number");
        }
        if (peek() == '.') {
            ++pos_;
            if (!(peek() >= '0' && peek() <= '9')) fail("bad fraction");
            while (peek() >= '0' && peek() <= '9') ++pos_;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++pos_;
            if (peek() == '+' || peek() == '-') ++pos_;
            if (!(peek() >= '0' && peek() <= '9')) fail("bad exponent");
            while (peek() >= '0' && peek() <= '9') ++pos_;
        }
        const double v = std::strtod(text_.substr(start, pos_ - start).c_str(), nullptr);
        if (!std::isfinite(v)) fail("number out of range");
        return v;
    }

    const std::string &text_;
    std::size_t pos_ = 0;
};

[[noreturn]] void wrong_type(const char *want) { throw std::runtime_error(std::string("JSON value is not ") + want); }

} // namespace

const JsonObject &JsonValue::object() const {
    if (!is_object()) wrong_type("an object");
    return *std::get<std::shared_ptr<JsonObject>>(value);
}
const JsonArray &JsonValue::array() const {
    if (!is_array()) wrong_type("an array");
    return *std::get<std::shared_ptr<JsonArray>>(value);
}
const std::string &JsonValue::string() const {
    if (!is_string()) wrong_type("a string");
    return std::get<std::string>(value);
}
double JsonValue::number() const {
    if (!is_number()) wrong_type("a number");
    return std::get<double>(value);
}
bool JsonValue::boolean() const {
    if (!is_bool()) wrong_type("a boolean");
    return std::get<bool>(value);
}
const JsonValue &JsonValue::operator[](const std::string &key) const {
    const auto &obj = object();
    const auto it = obj.find(key);
    if (it == obj.end()) throw std::runtime_error("JSON object has no key '" + key + "'");
    return it->second;
}
bool JsonValue::has(const std::string &key) const { return is_object() && object().count(key) != 0; }

JsonValue parse_json(const std::string &text) { return Parser(text).document(); }

} // namespace sb::e2e
