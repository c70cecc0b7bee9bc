#include "stream_copier.hpp"

#include <sb/ffmpeg/ffmpeg_error.hpp>

#include <algorithm>
#include <new>

namespace sb::audio {

using sb::ffmpeg::check;

StreamCopier::StreamCopier(const AVStream &source, std::int64_t input_start, AVFormatContext &output, const sb::sdk::Job &job)
    : source_(source), output_(output), job_(job) {
    stream_ = avformat_new_stream(&output, nullptr);
    if (stream_ == nullptr) throw std::bad_alloc();
    check(avcodec_parameters_copy(stream_->codecpar, source.codecpar), "cannot copy the stream parameters");
    // The source container's tag may mean nothing in the output container.
    stream_->codecpar->codec_tag = 0;
    stream_->time_base = source.time_base;
    if (input_start != AV_NOPTS_VALUE) offset_ = av_rescale_q(input_start, AV_TIME_BASE_Q, source.time_base);
}

void StreamCopier::write(AVPacket &packet) {
    if (packet.pts != AV_NOPTS_VALUE) packet.pts -= offset_;
    if (packet.dts != AV_NOPTS_VALUE) packet.dts -= offset_;
    // The muxer may have changed the time base when it wrote the header.
    av_packet_rescale_ts(&packet, source_.time_base, stream_->time_base);
    packet.stream_index = stream_->index;
    packet.pos = -1;
    if (packet.pts != AV_NOPTS_VALUE)
        position_ = std::max(position_, static_cast<double>(packet.pts + packet.duration) * av_q2d(stream_->time_base));
    check(av_interleaved_write_frame(&output_, &packet), "cannot write the output file", job_);
}

} // namespace sb::audio
