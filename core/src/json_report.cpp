#include <sb/core/json_report.hpp>

#include <sb/core/temp_output.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace sb::core {

std::string json_escape(const std::string &text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) out += fmt::format("\\u{:04x}", c);
            else out += static_cast<char>(c);
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
    out += fmt::format("  \"wall_seconds\": {:.3f},\n  \"interrupted\": {},\n  \"exit_code\": {},\n  \"files\": [",
                       s.wall_seconds, s.interrupted_by != 0 ? "true" : "false", exit_code(s));
    for (std::size_t i = 0; i < s.results.size(); ++i) {
        const auto &r = s.results[i];
        out += i ? ",\n" : "\n";
        out += fmt::format("    {{\"input\": {}, \"output\": {}, \"status\": {}, \"reason\": {}, \"warnings\": [",
                           json_escape(r.input), json_escape(r.output), json_escape(status_name(r.status)), json_escape(r.reason));
        for (std::size_t w = 0; w < r.warnings.size(); ++w) out += (w ? ", " : "") + json_escape(r.warnings[w]);
        out += fmt::format("], \"media_seconds\": {:.3f}, \"elapsed_seconds\": {:.3f}}}", r.media_seconds, r.elapsed_seconds);
    }
    out += "\n  ]\n}\n";
    return out;
}

void write_json_report(const BatchSummary &summary, const std::filesystem::path &path) {
    TempOutput temp(std::filesystem::absolute(path));
    const std::string text = json_report(summary);
    std::FILE *f = std::fopen(temp.path().c_str(), "wb");
    if (!f) throw std::runtime_error(fmt::format("cannot write report {}: {}", path.string(), std::strerror(errno)));
    const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) throw std::runtime_error(fmt::format("cannot write report {}: {}", path.string(), std::strerror(errno)));
    temp.commit(true);
}

} // namespace sb::core
