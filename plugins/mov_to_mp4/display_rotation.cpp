#include "display_rotation.hpp"

extern "C" {
#include <libavutil/display.h>
}

#include <charconv>
#include <cmath>
#include <cstring>
#include <string_view>

namespace sb::mp4 {
namespace {

std::optional<double> parse_degrees(std::string_view text) {
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

constexpr std::string_view kHtcPrefix = "htc_video_rotA-";

DisplayRotation clockwise(double degrees, const char *origin) {
    DisplayRotation r;
    // av_display_rotation_set takes the angle the picture is turned clockwise
    // on display; av_display_rotation_get (ffprobe's "rotation") then reads
    // back its negation.
    av_display_rotation_set(r.matrix.data(), degrees);
    r.origin = origin;
    return r;
}

} // namespace

std::optional<DisplayRotation> display_rotation(const AVStream &stream) {
    size_t size = 0;
    const uint8_t *side = av_stream_get_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (side != nullptr && size >= sizeof(DisplayRotation::matrix)) {
        DisplayRotation r;
        std::memcpy(r.matrix.data(), side, sizeof r.matrix);
        r.origin = "display matrix";
        return r;
    }
    if (const AVDictionaryEntry *tag = av_dict_get(stream.metadata, "rotate", nullptr, 0)) {
        if (const auto degrees = parse_degrees(tag->value)) {
            if (std::fmod(*degrees, 360.0) == 0.0) return std::nullopt;
            return clockwise(*degrees, "rotate tag");
        }
    }
    if (const AVDictionaryEntry *title = av_dict_get(stream.metadata, "title", nullptr, 0);
        title != nullptr && is_htc_rotation_name(title->value)) {
        const auto degrees = parse_degrees(std::string_view(title->value).substr(kHtcPrefix.size()));
        if (degrees && (*degrees == 90 || *degrees == 180 || *degrees == 270)) return clockwise(*degrees, "HTC track name");
    }
    return std::nullopt;
}

bool is_htc_rotation_name(std::string_view title) noexcept {
    return title.size() == kHtcPrefix.size() + 3 && title.substr(0, kHtcPrefix.size()) == kHtcPrefix;
}

} // namespace sb::mp4
