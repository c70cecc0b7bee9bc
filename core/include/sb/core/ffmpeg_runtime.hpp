// The host's handle on process-wide FFmpeg state. FFmpeg's log callback and
// level are global to the process (shared with every plugin that links the same
// libavutil), so only the host sets them, once, from main.
#pragma once

#include <string>

namespace sb::core {

// verbosity 0-1: FFmpeg stays silent (errors reach users through each job's
// reason); 2: its warnings; 3 and more: its verbose output. Lines go to spdlog.
void route_ffmpeg_log(int verbosity);

// "libavformat 59.27.100, libavcodec 59.37.100, ..." as loaded at run time.
std::string ffmpeg_versions();

} // namespace sb::core
