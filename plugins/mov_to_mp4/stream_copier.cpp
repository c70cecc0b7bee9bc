#include "stream_copier.hpp"

#include "input_media.hpp"

#include <algorithm>

namespace sb::mp4 {

StreamCopier::StreamCopier(const AVStream &stream, OutputMedia &output, int slot)
    : output_(output), slot_(slot), still_picture_(is_attached_picture(stream)),
      // Demuxers give attached pictures a time base, but nothing depends on it.
      time_base_(stream.time_base.num > 0 && stream.time_base.den > 0 ? stream.time_base : AVRational{1, 90000}),
      video_delay_(stream.codecpar->codec_type == AVMEDIA_TYPE_VIDEO ? stream.codecpar->video_delay : 0) {
    const AVRational rate = stream.avg_frame_rate.num > 0 ? stream.avg_frame_rate : stream.r_frame_rate;
    if (rate.num > 0 && rate.den > 0) frame_duration_ = std::max<std::int64_t>(1, av_rescale_q(1, av_inv_q(rate), time_base_));
    CodecParametersPtr params = make_codec_parameters();
    if (avcodec_parameters_copy(params.get(), stream.codecpar) < 0) throw std::bad_alloc();
    params->codec_tag = params->codec_id == AV_CODEC_ID_HEVC ? MKTAG('h', 'v', 'c', '1') : 0;
    output.open_slot(slot, *params, time_base_, still_picture_ ? AVRational{0, 1} : stream.avg_frame_rate, false);
}

void StreamCopier::handle_packet(AVPacket &packet) {
    ++packets_;
    if (still_picture_) {
        // Cover art is one picture without a place in time; the muxer stores it as 'covr'.
        packet.pts = packet.dts = 0;
    } else if (packet.pts == AV_NOPTS_VALUE && packet.dts == AV_NOPTS_VALUE) {
        return; // cannot be placed in time
    } else if (video_delay_ > 0) {
        fill_decode_time(packet);
    }
    output_.write(slot_, packet, time_base_);
}

void StreamCopier::fill_decode_time(AVPacket &packet) {
    const std::int64_t step = packet.duration > 0 ? packet.duration : frame_duration_;
    if (packet.dts == AV_NOPTS_VALUE) {
        // Taking the presentation time instead would put a B-frame's decode time
        // after the next packet's, and the dts repair would then move the frame.
        // Decoding starts video_delay frames before the first picture shows and
        // advances a frame per packet; it never comes after the packet's own pts.
        const std::int64_t guess =
            next_dts_ != AV_NOPTS_VALUE ? next_dts_ : packet.pts - static_cast<std::int64_t>(video_delay_) * step;
        packet.dts = std::min(guess, packet.pts);
    }
    next_dts_ = packet.dts + step;
}

} // namespace sb::mp4
