// What a terminal shows after receiving some bytes: enough of a VT100 to judge
// a live progress line ('\r' returns to column 0, ESC[K erases to the end of
// the line, other CSI sequences are ignored, '\n' starts a new line).
#ifndef SB_E2E_TERMINAL_SCREEN_HPP
#define SB_E2E_TERMINAL_SCREEN_HPP

#include <string>
#include <vector>

namespace sb::e2e {

// Every line as displayed, in order; the last one is the line the cursor is on
// (empty when the output ended with '\n').
std::vector<std::string> render_terminal(const std::string &bytes);

} // namespace sb::e2e

#endif // SB_E2E_TERMINAL_SCREEN_HPP
