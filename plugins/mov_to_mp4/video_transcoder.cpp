#include "video_transcoder.hpp"

#include "ffmpeg.hpp"

extern "C" {
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

#include <string>

namespace sb::mp4 {
namespace {

// The size the encoder's chroma subsampling allows: 4:2:0 needs even width and
// height, 4:2:2 an even width, 4:4:4 anything. An odd size loses its last
// column/row; a 1-pixel one is padded to 2.
int fitting_size(int size, int log2_chroma) {
    const int step = 1 << log2_chroma;
    if (size % step == 0) return size;
    return size > step ? size - size % step : step;
}

bool is_full_range(const AVFrame &frame) {
    switch (frame.format) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P:
        return true;
    default:
        break;
    }
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame.format));
    const bool rgb = desc != nullptr && (desc->flags & AV_PIX_FMT_FLAG_RGB) != 0;
    return !rgb && frame.color_range == AVCOL_RANGE_JPEG;
}

bool is_rgb(int format) {
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(format));
    return desc == nullptr || (desc->flags & AV_PIX_FMT_FLAG_RGB) != 0 || desc->nb_components < 3;
}

} // namespace

VideoTranscoder::VideoTranscoder(const AVStream &stream, AVRational frame_rate, OutputMedia &output, int slot,
                                 const Mp4Settings &settings, const VideoEncoderChoice &choice,
                                 const sb::sdk::Job &job)
    : stream_(stream), frame_rate_(frame_rate), output_(output), slot_(slot), settings_(settings), choice_(choice),
      job_(job), decoder_(stream, stream.index, job.thread_budget()) {
    encoder_codec_ = avcodec_find_encoder_by_name(choice_.name.c_str());
    if (encoder_codec_ == nullptr)
        throw sb::sdk::Error(choice_.name + " is not available in this FFmpeg build");
    if (choice_.upload_device != AV_HWDEVICE_TYPE_NONE) {
        AVBufferRef *device = nullptr;
        const int rc = av_hwdevice_ctx_create(&device, choice_.upload_device, nullptr, nullptr, 0);
        if (rc < 0) {
            throw_if_interrupted(rc == AVERROR_EXIT ? rc : 0, job_);
            throw sb::sdk::Error(std::string("--hw ") + to_string(choice_.family) + ": cannot open " +
                                 (choice_.upload_device == AV_HWDEVICE_TYPE_VAAPI ? "VAAPI" : "hardware") +
                                 " device: " + av_error_text(rc));
        }
        hw_device_.reset(device);
    }
}

void VideoTranscoder::handle_packet(AVPacket &packet) {
    ++packets_;
    if (output_.is_dropped(slot_)) return;
    decoder_.decode(packet, [this](AVFrame &frame) { on_frame(frame); });
}

void VideoTranscoder::on_frame(AVFrame &frame) {
    job_.throw_if_cancelled();
    if (!graph_ || frame.width != graph_input_.width || frame.height != graph_input_.height ||
        frame.format != graph_input_.format) {
        if (graph_) {
            // The decoded size/format changed mid-stream: finish what the old graph
            // holds, then build one that maps the new frames onto the same output.
            check(av_buffersrc_add_frame(source_, nullptr), "video filter flush failed");
            drain_graph();
        }
        build_graph(frame);
    }
    check(av_buffersrc_add_frame_flags(source_, &frame, AV_BUFFERSRC_FLAG_KEEP_REF), "video filter failed");
    drain_graph();
}

void VideoTranscoder::build_graph(const AVFrame &frame) {
    if (first_width_ == 0) {
        first_width_ = frame.width;
        first_height_ = frame.height;
        const AVPixFmtDescriptor *target = av_pix_fmt_desc_get(choice_.sw_format);
        out_width_ = fitting_size(frame.width, target != nullptr ? target->log2_chroma_w : 1);
        out_height_ = fitting_size(frame.height, target != nullptr ? target->log2_chroma_h : 1);
        color_primaries_ = frame.color_primaries;
        color_trc_ = frame.color_trc;
        // An RGB source's "colorspace" describes RGB, not the YUV we convert to.
        if (!is_rgb(frame.format)) colorspace_ = frame.colorspace;
    }
    graph_.reset(avfilter_graph_alloc());
    if (!graph_) throw std::bad_alloc();
    graph_->nb_threads = 1; // the job's thread budget goes to the codecs

    AVRational sar = frame.sample_aspect_ratio;
    if (sar.num <= 0 || sar.den <= 0) sar = stream_.sample_aspect_ratio;
    if (sar.num <= 0 || sar.den <= 0) sar = AVRational{0, 1};
    const std::string args = "video_size=" + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
                             ":pix_fmt=" + std::to_string(frame.format) + ":time_base=" +
                             std::to_string(stream_.time_base.num) + "/" + std::to_string(stream_.time_base.den) +
                             ":pixel_aspect=" + std::to_string(sar.num) + "/" + std::to_string(sar.den);
    check(avfilter_graph_create_filter(&source_, avfilter_get_by_name("buffer"), "in", args.c_str(), nullptr,
                                       graph_.get()),
          "cannot set up the video filter source");
    check(avfilter_graph_create_filter(&sink_, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr,
                                       graph_.get()),
          "cannot set up the video filter sink");

    std::string chain;
    auto append = [&chain](const std::string &filter) {
        if (!chain.empty()) chain += ',';
        chain += filter;
    };
    if (frame.width == first_width_ && frame.height == first_height_) {
        const int crop_w = std::min(out_width_, frame.width), crop_h = std::min(out_height_, frame.height);
        if (crop_w != frame.width || crop_h != frame.height)
            append("crop=w=" + std::to_string(crop_w) + ":h=" + std::to_string(crop_h) + ":x=0:y=0");
        if (out_width_ > crop_w || out_height_ > crop_h)
            append("pad=width=" + std::to_string(out_width_) + ":height=" + std::to_string(out_height_) + ":x=0:y=0");
    } else {
        append("scale=w=" + std::to_string(out_width_) + ":h=" + std::to_string(out_height_));
    }
    // Full-range (JPEG) YUV becomes limited range, which every player decodes right.
    if (is_full_range(frame)) append("scale=in_range=pc:out_range=tv");
    append(std::string("format=pix_fmts=") + av_get_pix_fmt_name(choice_.sw_format));
    if (hw_device_) append("hwupload");

    FilterInOutPtr outputs(avfilter_inout_alloc());
    FilterInOutPtr inputs(avfilter_inout_alloc());
    if (!outputs || !inputs) throw std::bad_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = source_;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = sink_;
    AVFilterInOut *out_raw = outputs.release();
    AVFilterInOut *in_raw = inputs.release();
    const int rc = avfilter_graph_parse_ptr(graph_.get(), chain.c_str(), &in_raw, &out_raw, nullptr);
    outputs.reset(out_raw);
    inputs.reset(in_raw);
    check(rc, "cannot build the video filter graph (" + chain + ")");
    if (hw_device_) {
        for (unsigned i = 0; i < graph_->nb_filters; ++i) {
            graph_->filters[i]->hw_device_ctx = av_buffer_ref(hw_device_.get());
            if (graph_->filters[i]->hw_device_ctx == nullptr) throw std::bad_alloc();
        }
    }
    check(avfilter_graph_config(graph_.get(), nullptr), "cannot configure the video filter graph (" + chain + ")");
    graph_input_ = GraphInput{frame.width, frame.height, frame.format};
    job_.debug("video #" + std::to_string(stream_.index) + ": " + std::to_string(frame.width) + "x" +
               std::to_string(frame.height) + " " +
               (av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame.format)) ? av_get_pix_fmt_name(static_cast<AVPixelFormat>(frame.format)) : "?") +
               " -> filters " + chain);
}

void VideoTranscoder::drain_graph() {
    for (;;) {
        const int rc = av_buffersink_get_frame(sink_, filtered_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        check(rc, "video filter failed", job_);
        if (!encoder_) open_encoder();
        encode(filtered_.get());
        av_frame_unref(filtered_.get());
    }
}

void VideoTranscoder::open_encoder() {
    encoder_.reset(avcodec_alloc_context3(encoder_codec_));
    if (!encoder_) throw std::bad_alloc();
    AVCodecContext &enc = *encoder_;
    enc.width = av_buffersink_get_w(sink_);
    enc.height = av_buffersink_get_h(sink_);
    enc.pix_fmt = static_cast<AVPixelFormat>(av_buffersink_get_format(sink_));
    enc.sample_aspect_ratio = av_buffersink_get_sample_aspect_ratio(sink_);
    enc.time_base = av_buffersink_get_time_base(sink_);
    // Only a rate-control hint: timestamps, not this, decide when frames show.
    if (frame_rate_.num > 0 && frame_rate_.den > 0) enc.framerate = frame_rate_;
    enc.color_range = AVCOL_RANGE_MPEG;
    enc.color_primaries = color_primaries_;
    enc.color_trc = color_trc_;
    enc.colorspace = colorspace_;
    if (AVBufferRef *frames = av_buffersink_get_hw_frames_ctx(sink_)) {
        enc.hw_frames_ctx = av_buffer_ref(frames);
        if (enc.hw_frames_ctx == nullptr) throw std::bad_alloc();
    }
    if (output_.needs_global_header()) enc.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    Dictionary options;
    const std::string settings_text = configure_video_encoder(enc, options, settings_, choice_, job_.thread_budget());
    const int rc = avcodec_open2(&enc, encoder_codec_, options.out());
    if (rc < 0) {
        throw_if_interrupted(rc == AVERROR_EXIT ? rc : 0, job_);
        throw sb::sdk::Error(choice_.name + " cannot be opened: " + av_error_text(rc));
    }
    if (!options.empty()) job_.debug(choice_.name + " ignored options: " + options.to_string());

    if (enc.framerate.num > 0 && enc.framerate.den > 0) {
        default_duration_ = av_rescale_q(1, av_inv_q(enc.framerate), enc.time_base);
        if (default_duration_ < 1) default_duration_ = 1;
    }
    CodecParametersPtr params = make_codec_parameters();
    check(avcodec_parameters_from_context(params.get(), &enc), "cannot read the video encoder parameters");
    if (choice_.hvc1_tag) params->codec_tag = MKTAG('h', 'v', 'c', '1'); // Apple players refuse hev1
    output_.open_slot(slot_, *params, enc.time_base, enc.framerate, true);
    job_.debug("video #" + std::to_string(stream_.index) + ": " + choice_.name + " " + std::to_string(enc.width) +
               "x" + std::to_string(enc.height) + " " + av_get_pix_fmt_name(enc.pix_fmt) + ", " + settings_text +
               ", threads=" + std::to_string(enc.thread_count));
}

void VideoTranscoder::encode(AVFrame *frame) {
    if (frame != nullptr) {
        // Until the next frame shows how long this one lasts, guess: the spacing so
        // far (right for VFR, where containers often store the nominal duration),
        // else the container's duration, else the nominal rate.
        const std::int64_t duration =
            last_delta_ > 0 ? last_delta_ : (frame->pkt_duration > 0 ? frame->pkt_duration : default_duration_);
        if (frame->pts == AV_NOPTS_VALUE) frame->pts = last_pts_ == AV_NOPTS_VALUE ? 0 : last_pts_ + duration;
        if (last_pts_ != AV_NOPTS_VALUE && frame->pts <= last_pts_) frame->pts = last_pts_ + 1;
        if (last_pts_ != AV_NOPTS_VALUE) {
            // The previous frame lasts until this one starts (exact for VFR).
            last_delta_ = frame->pts - last_pts_;
            const auto previous = durations_.find(last_pts_);
            if (previous != durations_.end()) previous->second = last_delta_;
        }
        durations_[frame->pts] = duration;
        last_pts_ = frame->pts;
        // Decoded picture types would force key frames where the source had them.
        frame->pict_type = AV_PICTURE_TYPE_NONE;
    }
    check(avcodec_send_frame(encoder_.get(), frame), choice_.name + " failed", job_);
    for (;;) {
        const int rc = avcodec_receive_packet(encoder_.get(), packet_.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return;
        check(rc, choice_.name + " failed", job_);
        const auto known = durations_.find(packet_->pts);
        if (known != durations_.end()) {
            if (packet_->duration <= 0) packet_->duration = known->second;
            durations_.erase(known);
        }
        output_.write(slot_, *packet_, encoder_->time_base);
        av_packet_unref(packet_.get());
    }
}

void VideoTranscoder::finish() {
    if (output_.is_dropped(slot_)) return;
    decoder_.flush([this](AVFrame &frame) { on_frame(frame); });
    if (graph_) {
        check(av_buffersrc_add_frame(source_, nullptr), "video filter flush failed");
        drain_graph();
    }
    if (encoder_) encode(nullptr);
}

} // namespace sb::mp4
