// --hw auto: find out, once per file, whether a hardware encoder can be used.
#ifndef SB_MP4_HARDWARE_PROBE_HPP
#define SB_MP4_HARDWARE_PROBE_HPP

#include "encoder_selection.hpp"
#include "mp4_options.hpp"

#include <sb/converter.hpp>

#include <string>

namespace sb::mp4 {

struct HardwareResolution {
    VideoEncoderChoice choice;    // the first family that opened, else the software encoder
    std::string fallback_warning; // non-empty when no hardware encoder could be used
};

// Tries the families of hardware_families(settings.codec) in order by opening
// their encoder (and device) for a `width`x`height` picture, then closing it
// again; the first that opens wins. A family that fails is reported in
// fallback_warning with FFmpeg's reason. Never throws for a missing GPU.
HardwareResolution resolve_hw_auto(const Mp4Settings &settings, int width, int height, const sb::sdk::Job &job);

} // namespace sb::mp4

#endif // SB_MP4_HARDWARE_PROBE_HPP
