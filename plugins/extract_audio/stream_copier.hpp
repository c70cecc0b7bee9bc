// --copy: the chosen stream's packets go into the output unchanged.
#ifndef SB_AUDIO_STREAM_COPIER_HPP
#define SB_AUDIO_STREAM_COPIER_HPP

#include "audio_path.hpp"

#include <sb/converter.hpp>

extern "C" {
#include <libavformat/avformat.h>
}

#include <cstdint>

namespace sb::audio {

class StreamCopier final : public AudioPath {
public:
    // Adds the output stream (codec parameters copied from `source`).
    // `input_start` is the input's start time (AV_TIME_BASE units, or
    // AV_NOPTS_VALUE): subtracted so the output starts at 0, as ffmpeg does.
    StreamCopier(const AVStream &source, std::int64_t input_start, AVFormatContext &output, const sb::sdk::Job &job);

    void write(AVPacket &packet) override;
    void finish() override {}
    double position_seconds() const noexcept override { return position_; }

private:
    const AVStream &source_;
    AVFormatContext &output_;
    const sb::sdk::Job &job_;
    AVStream *stream_ = nullptr;
    std::int64_t offset_ = 0; // in source_ time base
    double position_ = 0.0;
};

} // namespace sb::audio

#endif // SB_AUDIO_STREAM_COPIER_HPP
