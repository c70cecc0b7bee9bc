// Builds sb's command line from the loaded plugins and runs what it names.
#pragma once

namespace sb::app {

// The whole program: returns the process exit code (0 ok, 1 some file failed,
// 2 usage error, 130/143 interrupted).
int run(int argc, char **argv);

} // namespace sb::app
