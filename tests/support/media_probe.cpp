#include "media_probe.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

namespace sb::test {
namespace {

std::string error_text(int rc) {
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(rc, buffer, sizeof buffer);
    return buffer;
}

std::map<std::string, std::string> to_map(const AVDictionary *dict) {
    std::map<std::string, std::string> out;
    const AVDictionaryEntry *e = nullptr;
    while ((e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)) != nullptr) out[e->key] = e->value;
    return out;
}

std::uint64_t read_be(const unsigned char *p, int bytes) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

bool scan_moov_before_mdat(const std::filesystem::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return false;
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(in.tellg());
    std::uint64_t offset = 0;
    while (offset + 8 <= size) {
        std::array<unsigned char, 16> h{};
        in.seekg(static_cast<std::streamoff>(offset));
        in.read(reinterpret_cast<char *>(h.data()), 8);
        if (!in) return false;
        if (std::memcmp(h.data() + 4, "moov", 4) == 0) return true;
        if (std::memcmp(h.data() + 4, "mdat", 4) == 0) return false;
        std::uint64_t box = read_be(h.data(), 4);
        if (box == 1) {
            in.read(reinterpret_cast<char *>(h.data() + 8), 8);
            if (!in) return false;
            box = read_be(h.data() + 8, 8);
        } else if (box == 0) {
            return false;
        }
        if (box < 8) return false;
        offset += box;
    }
    return false;
}

struct InputCloser {
    void operator()(AVFormatContext *ctx) const noexcept { avformat_close_input(&ctx); }
};
struct PacketFree {
    void operator()(AVPacket *p) const noexcept { av_packet_free(&p); }
};
struct CodecFree {
    void operator()(AVCodecContext *c) const noexcept { avcodec_free_context(&c); }
};

std::uint64_t fnv1a(std::uint64_t hash, const uint8_t *data, int size) {
    if (hash == 0) hash = 1469598103934665603ULL;
    for (int i = 0; i < size; ++i) {
        hash ^= data[i];
        hash *= 1099511628211ULL;
    }
    return hash;
}

// A subtitle decoder per subtitle stream, to count the cues that show text.
std::unique_ptr<AVCodecContext, CodecFree> open_subtitle_decoder(const AVStream &st) {
    const AVCodec *codec = avcodec_find_decoder(st.codecpar->codec_id);
    if (codec == nullptr) return nullptr;
    std::unique_ptr<AVCodecContext, CodecFree> ctx(avcodec_alloc_context3(codec));
    if (!ctx || avcodec_parameters_to_context(ctx.get(), st.codecpar) < 0) return nullptr;
    ctx->pkt_timebase = st.time_base;
    if (avcodec_open2(ctx.get(), codec, nullptr) < 0) return nullptr;
    return ctx;
}

bool subtitle_has_text(AVCodecContext &ctx, AVPacket &packet) {
    AVSubtitle sub{};
    int got = 0;
    bool text = false;
    if (avcodec_decode_subtitle2(&ctx, &sub, &got, &packet) >= 0 && got) {
        for (unsigned r = 0; r < sub.num_rects; ++r) {
            const AVSubtitleRect *rect = sub.rects[r];
            // An ASS event line ends with the text after the 9th comma.
            if (rect->ass != nullptr) {
                const char *p = rect->ass;
                for (int commas = 0; *p != '\0' && commas < 8; ++p) commas += *p == ',' ? 1 : 0;
                text = text || *p != '\0';
            }
            text = text || (rect->text != nullptr && rect->text[0] != '\0') || rect->type == SUBTITLE_BITMAP;
        }
        avsubtitle_free(&sub);
    }
    return text;
}

} // namespace

double StreamInfo::display_aspect() const {
    if (height == 0) return 0;
    const double sar = sar_num > 0 && sar_den > 0 ? static_cast<double>(sar_num) / sar_den : 1.0;
    return static_cast<double>(width) * sar / height;
}

int MediaInfo::count(const std::string &type) const {
    int n = 0;
    for (const auto &s : streams) n += s.type == type ? 1 : 0;
    return n;
}

const StreamInfo *MediaInfo::first(const std::string &type) const {
    for (const auto &s : streams)
        if (s.type == type) return &s;
    return nullptr;
}

MediaInfo probe_media(const std::filesystem::path &file) {
    MediaInfo info;
    AVFormatContext *raw = nullptr;
    const std::string url = "file:" + file.string();
    int rc = avformat_open_input(&raw, url.c_str(), nullptr, nullptr);
    if (rc < 0) {
        info.error = error_text(rc);
        return info;
    }
    std::unique_ptr<AVFormatContext, InputCloser> ctx(raw);
    rc = avformat_find_stream_info(ctx.get(), nullptr);
    if (rc < 0) {
        info.error = error_text(rc);
        return info;
    }
    info.format_name = ctx->iformat->name;
    if (ctx->duration != AV_NOPTS_VALUE) info.duration = static_cast<double>(ctx->duration) / AV_TIME_BASE;
    info.tags = to_map(ctx->metadata);
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream *st = ctx->streams[i];
        const AVCodecParameters *par = st->codecpar;
        StreamInfo s;
        const char *type = av_get_media_type_string(par->codec_type);
        s.type = type != nullptr ? type : "unknown";
        s.codec_name = avcodec_get_name(par->codec_id);
        if (par->codec_tag != 0) {
            char tag[AV_FOURCC_MAX_STRING_SIZE] = {};
            av_fourcc_make_string(tag, par->codec_tag);
            s.codec_tag = tag;
        }
        s.width = par->width;
        s.height = par->height;
        if (par->codec_type == AVMEDIA_TYPE_VIDEO && par->format >= 0) {
            const char *name = av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format));
            s.pix_fmt = name != nullptr ? name : "";
        }
        if (const char *profile = avcodec_profile_name(par->codec_id, par->profile)) s.profile = profile;
        s.sample_rate = par->sample_rate;
        s.channels = par->ch_layout.nb_channels;
        if (st->duration != AV_NOPTS_VALUE) s.duration = static_cast<double>(st->duration) * av_q2d(st->time_base);
        size_t size = 0;
        if (const uint8_t *matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
            matrix != nullptr && size >= 9 * sizeof(int32_t)) {
            const double angle = av_display_rotation_get(reinterpret_cast<const int32_t *>(matrix));
            if (!std::isnan(angle)) s.rotation = std::round(angle * 1000.0) / 1000.0 + 0.0; // +0.0: no "-0"
        }
        s.tags = to_map(st->metadata);
        s.disposition = st->disposition;
        s.frames = 0;
        if (st->start_time != AV_NOPTS_VALUE) s.start_time = static_cast<double>(st->start_time) * av_q2d(st->time_base);
        if (st->sample_aspect_ratio.num > 0) {
            s.sar_num = st->sample_aspect_ratio.num;
            s.sar_den = st->sample_aspect_ratio.den;
        } else if (par->sample_aspect_ratio.num > 0) {
            s.sar_num = par->sample_aspect_ratio.num;
            s.sar_den = par->sample_aspect_ratio.den;
        }
        if (par->codec_type == AVMEDIA_TYPE_SUBTITLE) s.cues = 0;
        info.streams.push_back(std::move(s));
    }
    for (unsigned i = 0; i < ctx->nb_chapters; ++i) {
        const AVChapter *c = ctx->chapters[i];
        ChapterInfo chapter;
        chapter.start = static_cast<double>(c->start) * av_q2d(c->time_base);
        chapter.end = static_cast<double>(c->end) * av_q2d(c->time_base);
        if (const AVDictionaryEntry *t = av_dict_get(c->metadata, "title", nullptr, 0)) chapter.title = t->value;
        info.chapters.push_back(chapter);
    }
    std::vector<std::unique_ptr<AVCodecContext, CodecFree>> subtitle_decoders(ctx->nb_streams);
    for (unsigned i = 0; i < ctx->nb_streams; ++i)
        if (ctx->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE)
            subtitle_decoders[i] = open_subtitle_decoder(*ctx->streams[i]);
    std::vector<std::int64_t> last_dts(ctx->nb_streams, AV_NOPTS_VALUE);
    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    while (packet && av_read_frame(ctx.get(), packet.get()) >= 0) {
        const auto index = static_cast<std::size_t>(packet->stream_index);
        if (packet->stream_index >= 0 && index < info.streams.size()) {
            StreamInfo &s = info.streams[index];
            ++s.frames;
            s.packet_hash = fnv1a(s.packet_hash, packet->data, packet->size);
            if (packet->dts != AV_NOPTS_VALUE) {
                if (last_dts[index] != AV_NOPTS_VALUE && packet->dts <= last_dts[index]) s.dts_increasing = false;
                last_dts[index] = packet->dts;
            }
            if (subtitle_decoders[index] && subtitle_has_text(*subtitle_decoders[index], *packet)) ++s.cues;
        }
        av_packet_unref(packet.get());
    }
    info.moov_before_mdat = scan_moov_before_mdat(file);
    info.ok = true;
    return info;
}

} // namespace sb::test
