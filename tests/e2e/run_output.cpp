#include "run_output.hpp"

#include <sstream>

namespace sb::e2e {

std::string describe(const Completed &r) {
    std::ostringstream s;
    s << "exit code " << r.exit_code << (r.timed_out ? " (timed out)" : "") << " after " << r.seconds << " s\n--- stdout:\n"
      << r.out << "--- stderr:\n"
      << r.err << "---";
    return s.str();
}

std::vector<std::string> lines_of(const std::string &text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

std::vector<std::string> lines_containing(const std::string &text, const std::string &needle) {
    std::vector<std::string> out;
    for (auto &line : lines_of(text))
        if (line.find(needle) != std::string::npos) out.push_back(line);
    return out;
}

int count_of(const std::string &text, const std::string &needle) {
    int n = 0;
    for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) ++n;
    return n;
}

bool contains(const std::string &text, const std::string &needle) { return text.find(needle) != std::string::npos; }

std::vector<std::string> result_lines(const std::string &err, const std::string &status_word) {
    std::vector<std::string> out;
    for (auto &line : lines_of(err))
        if (line.rfind(status_word + " ", 0) == 0) out.push_back(line);
    return out;
}

} // namespace sb::e2e
