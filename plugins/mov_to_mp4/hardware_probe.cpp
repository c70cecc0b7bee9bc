#include "hardware_probe.hpp"

#include "ffmpeg.hpp"

extern "C" {
#include <libavutil/hwcontext.h>
}

#include <vector>

namespace sb::mp4 {
namespace {

// Opens `choice` the way VideoTranscoder would and returns "" on success, else
// the one-line reason.
std::string try_open(const Mp4Settings &settings, const VideoEncoderChoice &choice, int width, int height) {
    const AVCodec *codec = avcodec_find_encoder_by_name(choice.name.c_str());
    if (codec == nullptr) return choice.name + " is not in this FFmpeg build";
    CodecContextPtr enc(avcodec_alloc_context3(codec));
    if (!enc) throw std::bad_alloc();
    enc->width = width;
    enc->height = height;
    enc->time_base = AVRational{1, 25};
    enc->framerate = AVRational{25, 1};
    enc->pix_fmt = choice.sw_format;

    BufferRefPtr device, frames;
    if (choice.upload_device != AV_HWDEVICE_TYPE_NONE) {
        AVBufferRef *raw = nullptr;
        if (const int rc = av_hwdevice_ctx_create(&raw, choice.upload_device, nullptr, nullptr, 0); rc < 0)
            return "cannot open the " + std::string(av_hwdevice_get_type_name(choice.upload_device)) +
                   " device: " + av_error_text(rc);
        device.reset(raw);
        frames.reset(av_hwframe_ctx_alloc(device.get()));
        if (!frames) throw std::bad_alloc();
        auto *fc = reinterpret_cast<AVHWFramesContext *>(frames->data);
        fc->format = AV_PIX_FMT_VAAPI;
        fc->sw_format = choice.sw_format;
        fc->width = width;
        fc->height = height;
        fc->initial_pool_size = 4;
        if (const int rc = av_hwframe_ctx_init(frames.get()); rc < 0)
            return "cannot set up " + std::string(av_hwdevice_get_type_name(choice.upload_device)) +
                   " frames: " + av_error_text(rc);
        enc->pix_fmt = AV_PIX_FMT_VAAPI;
        enc->hw_frames_ctx = av_buffer_ref(frames.get());
        if (enc->hw_frames_ctx == nullptr) throw std::bad_alloc();
    }
    Dictionary options;
    configure_video_encoder(*enc, options, settings, choice, 1);
    if (const int rc = avcodec_open2(enc.get(), codec, options.out()); rc < 0) return av_error_text(rc);
    return {};
}

} // namespace

HardwareResolution resolve_hw_auto(const Mp4Settings &settings, int width, int height, const sb::sdk::Job &job) {
    // Encoders want even sizes; the real size is only known at the first frame,
    // so an unknown one is probed as 720p.
    const int w = width >= 2 ? width & ~1 : 1280, h = height >= 2 ? height & ~1 : 720;
    std::vector<std::string> failures;
    for (const HwAccel family : hardware_families(settings.codec)) {
        job.throw_if_cancelled();
        VideoEncoderChoice choice;
        try {
            choice = choose_video_encoder(settings, family);
        } catch (const sb::sdk::Error &e) {
            failures.push_back(std::string(to_string(family)) + ": " + e.what());
            continue;
        }
        const std::string failure = try_open(settings, choice, w, h);
        if (failure.empty()) {
            job.debug("--hw auto: " + choice.name + " opens, using it");
            return HardwareResolution{choice, {}};
        }
        failures.push_back(choice.name + ": " + failure);
    }
    HardwareResolution software{choose_video_encoder(settings, HwAccel::none), {}};
    std::string list;
    for (const auto &f : failures) list += (list.empty() ? "" : "; ") + f;
    software.fallback_warning = "--hw auto: no hardware encoder could be used (" + list + "), encoding with " +
                                software.choice.name + " instead";
    return software;
}

} // namespace sb::mp4
