// Every real-world file in the corpus either converts correctly or fails with a
// one-line reason; nothing crashes or hangs.
#include "mp4_test_util.hpp"

extern "C" {
#include <libavcodec/codec_desc.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <initializer_list>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace sb::test {
namespace {

std::filesystem::path corpus_dir() {
    if (const char *env = std::getenv("SB_TEST_CORPUS_DIR"); env != nullptr && *env != '\0') return env;
    return SB_TEST_CORPUS_DIR;
}

// Files FFmpeg itself cannot decode anything from (checked with `ffmpeg -i F -f null -`
// and `ffprobe -count_frames`), with the reason sb must give.
const std::map<std::string, std::string> &known_undecodable() {
    static const std::map<std::string, std::string> files = {
        // every VP9 frame fails: "Invalid sync code" / "Invalid frame marker"
        {"androidx__invalid-bitstream.webm", "no decodable video frames"},
        // moov kept, mdat emptied to 8 bytes: no sample can be read
        {"exiftool__QuickTime.mov", "no decodable video frames"},
        // moov only, mdat missing ("partial file")
        {"fate__mp4-with-mov-in24-ver.mp4", "truncated: "},
        // damaged EBML header: ffprobe cannot open it
        {"filetype__fixture-corrupt.mkv", "not a media file FFmpeg can read"},
        // first 1024 bytes of a 98 KB moov box: ffprobe cannot open it
        {"filetype__fixture-moov.mov", "truncated QuickTime/MP4 file: moov atom cut off"},
        // reference movie: all 500 chunks live in external files
        {"photoprism__quicktime-jpeg.mov", "no decodable video frames"},
        // 13-byte FLV header without any tag
        {"streamio__empty.flv", "not a media file FFmpeg can read"},
        // encrypted ASF: FFmpeg "decodes" garbage video and 2 of 20 audio packets
        {"fate__wmv_drm.wmv", "DRM-protected"},
    };
    return files;
}

bool is_text_subtitle(const AVCodecParameters &par) {
    const AVCodecDescriptor *desc = avcodec_descriptor_get(par.codec_id);
    return par.codec_type == AVMEDIA_TYPE_SUBTITLE && desc != nullptr && (desc->props & AV_CODEC_PROP_TEXT_SUB) != 0;
}

bool is_one_of(const std::string &value, std::initializer_list<const char *> allowed) {
    for (const char *a : allowed)
        if (value == a) return true;
    return false;
}

struct InputFacts {
    int video = 0, audio = 0, text_subtitles = 0;
    double span = -1; // seconds from the first to the end of the last mapped packet
};

struct InputCloser {
    void operator()(AVFormatContext *ctx) const noexcept { avformat_close_input(&ctx); }
};
struct PacketFree {
    void operator()(AVPacket *p) const noexcept { av_packet_free(&p); }
};

// What a faithful conversion should contain, measured by demuxing the input.
InputFacts input_facts(const std::filesystem::path &file) {
    InputFacts facts;
    AVFormatContext *raw = nullptr;
    const std::string url = "file:" + file.string();
    if (avformat_open_input(&raw, url.c_str(), nullptr, nullptr) < 0) return facts;
    std::unique_ptr<AVFormatContext, InputCloser> ctx(raw);
    if (avformat_find_stream_info(ctx.get(), nullptr) < 0) return facts;
    std::vector<bool> mapped(ctx->nb_streams, false);
    for (unsigned i = 0; i < ctx->nb_streams; ++i) {
        const AVStream *st = ctx->streams[i];
        if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
            ++facts.video;
            mapped[i] = true;
        } else if (st->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
            ++facts.audio;
            mapped[i] = true;
        } else if (is_text_subtitle(*st->codecpar)) {
            // Kept as mov_text, so its last cue may end the output.
            ++facts.text_subtitles;
            mapped[i] = true;
        }
    }
    double first = INFINITY, last = -INFINITY;
    std::unique_ptr<AVPacket, PacketFree> packet(av_packet_alloc());
    while (av_read_frame(ctx.get(), packet.get()) >= 0) {
        const int i = packet->stream_index;
        const int64_t ts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
        if (mapped[static_cast<std::size_t>(i)] && ts != AV_NOPTS_VALUE) {
            const double tb = av_q2d(ctx->streams[i]->time_base);
            first = std::min(first, static_cast<double>(ts) * tb);
            last = std::max(last, static_cast<double>(ts + packet->duration) * tb);
        }
        av_packet_unref(packet.get());
    }
    if (last > first) facts.span = last - first;
    return facts;
}

std::vector<std::string> corpus_files() {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(corpus_dir(), ec)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name == "MANIFEST.tsv" || name.ends_with(".tsv") || name.ends_with(".md")) continue;
        names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    if (names.empty()) names.push_back(""); // one test that reports the skip
    return names;
}

std::string test_name(const ::testing::TestParamInfo<std::string> &info) {
    if (info.param.empty()) return "NoCorpus";
    std::string name;
    for (char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    return name;
}

class Mp4Corpus : public Mp4Test, public ::testing::WithParamInterface<std::string> {};

TEST_P(Mp4Corpus, ConvertsOrFailsWithOneLine) {
    if (GetParam().empty()) GTEST_SKIP() << "no corpus at " << corpus_dir() << " (set SB_TEST_CORPUS_DIR)";
    const auto in = corpus_dir() / GetParam();
    const auto out = file("out.mp4");
    host_.set_option("preset", "ultrafast"); // this is about robustness, not quality
    const sb_status status = convert(in, out);
    const auto undecodable = known_undecodable().find(GetParam());
    if (undecodable != known_undecodable().end()) {
        EXPECT_EQ(status, SB_STATUS_FAILED);
        EXPECT_TRUE(is_one_line(host_.error())) << "'" << host_.error() << "'";
        EXPECT_NE(host_.error().find(undecodable->second), std::string::npos) << host_.error();
        return;
    }
    ASSERT_EQ(status, SB_STATUS_OK) << host_.error();
    const InputFacts facts = input_facts(in);
    const MediaInfo before = probe_media(in);
    const MediaInfo after = probe_media(out);
    ASSERT_TRUE(after.ok) << after.error;
    std::cout << "in:  " << describe(before) << " span " << facts.span << " s\n"
              << "out: " << describe(after) << "\n";
    EXPECT_TRUE(after.moov_before_mdat);
    if (facts.video > 0) {
        ASSERT_NE(after.first("video"), nullptr);
        for (const auto &s : after.streams) {
            if (s.type != "video") continue;
            EXPECT_EQ(s.codec_name, "h264");
            EXPECT_EQ(s.pix_fmt, "yuv420p");
            EXPECT_EQ(s.width % 2, 0);
            EXPECT_EQ(s.height % 2, 0);
        }
    }
    if (facts.audio > 0) {
        ASSERT_NE(after.first("audio"), nullptr);
        for (const auto &s : after.streams) {
            // --mode auto copies what plays in MP4 and re-encodes the rest to AAC.
            if (s.type == "audio") {
                EXPECT_TRUE(is_one_of(s.codec_name, {"aac", "mp3", "ac3", "alac"})) << s.codec_name;
            }
        }
    }
    EXPECT_EQ(after.count("attachment"), 0);
    EXPECT_EQ(after.count("subtitle"), facts.text_subtitles) << "text subtitles are kept, bitmap ones dropped";
    for (const auto &s : after.streams) {
        if (s.type == "subtitle") {
            EXPECT_EQ(s.codec_name, "mov_text");
        }
    }
    // The muxer writes a timecode track from a 'timecode' tag (kept, as BR-07
    // prefers) and a QuickTime text track for chapters.
    int timecode_tracks = 0;
    for (const auto &s : after.streams) {
        if (s.type != "data") continue;
        EXPECT_TRUE(is_one_of(s.codec_tag, {"tmcd", "text"})) << "only timecode and chapter tracks may appear";
        if (s.codec_tag == "tmcd") ++timecode_tracks;
    }
    EXPECT_LE(timecode_tracks, 1);
    if (facts.span > 0) {
        EXPECT_NEAR(after.duration, facts.span, 0.1) << "output vs demuxed input span";
    }
}

INSTANTIATE_TEST_SUITE_P(Real, Mp4Corpus, ::testing::ValuesIn(corpus_files()), test_name);

} // namespace
} // namespace sb::test
