// What each output format is: muxer, encoder, what --copy may keep in it.
#ifndef SB_AUDIO_AUDIO_FORMATS_HPP
#define SB_AUDIO_AUDIO_FORMATS_HPP

#include "audio_options.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
}

#include <cstdint>

namespace sb::audio {

struct FormatSpec {
    Format format;
    const char *name;           // "m4a", as on the command line and the extension
    const char *muxer;          // FFmpeg muxer: "ipod" writes .m4a
    const char *holds;          // for messages: "AAC or ALAC"
    bool lossless;              // --audio-bitrate does not apply
    std::int64_t max_bitrate_per_channel; // 0 = no limit of ours (the encoder clamps)
    std::int64_t max_bitrate;             // 0 = no limit
    const AVCodecID *copyable;  // codecs --copy may keep, AV_CODEC_ID_NONE-terminated
};

const FormatSpec &format_spec(Format format) noexcept;

// True when --copy may put `codec` into `spec` as it is.
bool can_copy(const FormatSpec &spec, AVCodecID codec) noexcept;

// The format --copy would keep `codec` in ("m4a" for AAC), or nullptr.
const char *format_that_holds(AVCodecID codec) noexcept;

// The encoder for `spec` given the source stream. wav stays 16-bit unless the
// source has more bits (24-bit FLAC stays 24-bit). Throws sb::sdk::Error when
// this FFmpeg build lacks it.
const AVCodec &encoder_for(const FormatSpec &spec, const AVCodecParameters &source);

} // namespace sb::audio

#endif // SB_AUDIO_AUDIO_FORMATS_HPP
