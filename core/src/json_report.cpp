#include <sb/core/json_report.hpp>

#include <sb/core/temp_output.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace sb::core {

namespace {

// JSON has no NaN or infinity (a plugin's probe may report either): null instead.
std::string json_seconds(double seconds) { return std::isfinite(seconds) ? fmt::format("{:.3f}", seconds) : "null"; }

// Length of the well-formed UTF-8 sequence that starts at text[i] (Unicode
// table 3-7: no overlongs, surrogates or code points above U+10FFFF), 0 if none.
std::size_t utf8_length(const std::string &text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF; // allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return length;
}

} // namespace

// File names are bytes, not necessarily UTF-8, but a JSON text must be UTF-8:
// a byte that does not start a well-formed sequence becomes U+FFFD.
std::string json_escape(const std::string &text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                out += fmt::format("\\u{:04x}", c);
            } else if (c < 0x80) {
                out += static_cast<char>(c);
            } else if (const auto length = utf8_length(text, i)) {
                out.append(text, i, length);
                i += length - 1;
            } else {
                out += "\\ufffd";
            }
        }
    }
    out += '"';
    return out;
}

std::string json_report(const BatchSummary &s) {
    std::string out = "{\n";
    out += fmt::format("  \"command\": {},\n", json_escape(s.command));
    out += fmt::format("  \"total\": {},\n  \"converted\": {},\n  \"skipped\": {},\n  \"failed\": {},\n  \"cancelled\": {},\n",
                       s.results.size(), s.count(JobStatus::converted), s.count(JobStatus::skipped),
                       s.count(JobStatus::failed), s.count(JobStatus::cancelled));
    out += fmt::format("  \"wall_seconds\": {},\n  \"interrupted\": {},\n  \"exit_code\": {},\n  \"files\": [",
                       json_seconds(s.wall_seconds), s.interrupted_by != 0 ? "true" : "false", exit_code(s));
    for (std::size_t i = 0; i < s.results.size(); ++i) {
        const auto &r = s.results[i];
        out += i ? ",\n" : "\n";
        out += fmt::format("    {{\"input\": {}, \"output\": {}, \"status\": {}, \"reason\": {}, \"warnings\": [",
                           json_escape(r.input), json_escape(r.output), json_escape(status_name(r.status)), json_escape(r.reason));
        for (std::size_t w = 0; w < r.warnings.size(); ++w) out += (w ? ", " : "") + json_escape(r.warnings[w]);
        out += fmt::format("], \"media_seconds\": {}, \"elapsed_seconds\": {}}}", json_seconds(r.media_seconds),
                           json_seconds(r.elapsed_seconds));
    }
    out += "\n  ]\n}\n";
    return out;
}

void check_report_path(const std::filesystem::path &path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw std::runtime_error(fmt::format("--report {}: is a folder, not a file", path.string()));
    try {
        // Creating (and at once removing) the temporary file the report will be
        // written through proves the folder exists or can be made and is writable.
        TempOutput probe(std::filesystem::absolute(path));
    } catch (const std::exception &e) {
        throw std::runtime_error(fmt::format("--report {}: {}", path.string(), e.what()));
    }
}

void write_json_report(const BatchSummary &summary, const std::filesystem::path &path) {
    try {
        TempOutput temp(std::filesystem::absolute(path));
        const std::string text = json_report(summary);
        std::FILE *f = std::fopen(temp.path().c_str(), "wb");
        if (!f) throw std::runtime_error(std::strerror(errno));
        const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
        const int write_errno = errno;
        const bool closed = std::fclose(f) == 0;
        if (!ok || !closed) throw std::runtime_error(std::strerror(ok ? errno : write_errno));
        temp.commit(true);
    } catch (const std::exception &e) {
        throw std::runtime_error(fmt::format("cannot write the report {}: {}", path.string(), e.what()));
    }
}

} // namespace sb::core
