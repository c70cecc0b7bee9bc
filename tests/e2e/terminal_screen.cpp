#include "terminal_screen.hpp"

namespace sb::e2e {

std::vector<std::string> render_terminal(const std::string &bytes) {
    std::vector<std::string> lines(1);
    std::size_t column = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        std::string &line = lines.back();
        if (c == '\r') {
            column = 0;
        } else if (c == '\n') {
            lines.emplace_back();
            column = 0;
        } else if (c == '\x1b' && i + 1 < bytes.size() && bytes[i + 1] == '[') {
            // CSI: parameters, then one final byte in 0x40..0x7e.
            std::size_t j = i + 2;
            while (j < bytes.size() && !(bytes[j] >= 0x40 && bytes[j] <= 0x7e)) ++j;
            if (j < bytes.size() && bytes[j] == 'K') line.resize(std::min(line.size(), column));
            i = j;
        } else {
            if (column < line.size()) line[column] = c;
            else line.push_back(c);
            ++column;
        }
    }
    return lines;
}

} // namespace sb::e2e
