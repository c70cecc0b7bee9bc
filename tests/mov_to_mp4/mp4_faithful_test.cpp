// What a conversion keeps of what the user shot: rotation, tags, chapters,
// every track, pixel formats, timing and audio layouts. Each rule on a small
// generated input, checked by probing the output.
#include "media_samples.hpp"
#include "mp4_test_util.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace sb::test {
namespace {

const char *const kBothModes[] = {"auto", "transcode"};

// Matroska's muxer writes tag names in capitals; MP4 keeps what it was given.
bool same_key(const std::string &a, const std::string &b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string tag(const std::map<std::string, std::string> &tags, const std::string &key) {
    for (const auto &[k, v] : tags)
        if (same_key(k, key)) return v;
    return "<absent>";
}

bool is_red(const std::array<int, 3> &rgb) { return rgb[0] > 180 && rgb[1] < 80 && rgb[2] < 80; }

std::string rgb_text(const std::array<int, 3> &rgb) {
    return std::to_string(rgb[0]) + "," + std::to_string(rgb[1]) + "," + std::to_string(rgb[2]);
}

// ---------------------------------------------------------------- rotation

class Mp4Rotation : public Mp4Test {
protected:
    static constexpr int kWidth = 160, kHeight = 120, kBox = 24;

    // A stored (landscape) picture with a red box in its top-left corner.
    std::filesystem::path stored_picture(const std::string &name) {
        MediaSpec spec;
        spec.duration = 0.3;
        spec.width = kWidth;
        spec.height = kHeight;
        spec.extra_args = {"-vf", "drawbox=x=0:y=0:w=" + std::to_string(kBox) + ":h=" + std::to_string(kBox) +
                                      ":color=red:t=fill"};
        return make(name, spec);
    }

    // Exactly one rotation: either the output keeps the display matrix
    // `rotation` (ffprobe's angle) over the untouched stored pixels, or it has
    // no matrix and its pixels are turned the way a player would turn them.
    static void expect_rotated_once(const std::filesystem::path &out, double rotation) {
        const MediaInfo info = probe_media(out);
        ASSERT_TRUE(info.ok) << info.error;
        const StreamInfo *v = info.first("video");
        ASSERT_NE(v, nullptr);
        const auto top_left = stored_rgb_at(out, 4, 4);
        const bool matrix_kept =
            v->rotation == rotation && v->width == kWidth && v->height == kHeight && is_red(top_left);
        // Where the stored top-left corner lands on screen. The angle is
        // counter-clockwise: 90 puts it bottom-left, -90 top-right, 180 bottom-right.
        const bool quarter = rotation == 90 || rotation == -90;
        const int w = quarter ? kHeight : kWidth, h = quarter ? kWidth : kHeight;
        const int x = rotation == 90 ? 4 : w - 12, y = rotation == -90 ? 4 : h - 12;
        const bool pixels_turned =
            v->rotation == 0 && v->width == w && v->height == h && is_red(stored_rgb_at(out, x, y));
        EXPECT_TRUE(matrix_kept || pixels_turned)
            << "rotation " << v->rotation << " (want " << rotation << " or 0 with turned pixels), " << v->width << "x"
            << v->height << ", top-left " << rgb_text(top_left);
    }
};

TEST_F(Mp4Rotation, MatrixIsKeptWhenCopying) {
    const auto stored = stored_picture("stored.mov");
    for (const int degrees : {90, 180, 270}) {
        SCOPED_TRACE(degrees);
        const auto in = file("rot" + std::to_string(degrees) + ".mov");
        ASSERT_NO_FATAL_FAILURE(remux_with_rotation(stored, in, degrees));
        const MediaInfo before = probe_media(in);
        ASSERT_NE(before.first("video")->rotation, 0);
        const auto out = file("rot" + std::to_string(degrees) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        ASSERT_NE(after.first("video"), nullptr);
        EXPECT_EQ(after.first("video")->packet_hash, before.first("video")->packet_hash) << "not copied";
        EXPECT_EQ(after.first("video")->rotation, before.first("video")->rotation);
        EXPECT_EQ(after.first("video")->width, kWidth);
        EXPECT_EQ(after.first("video")->height, kHeight);
    }
}

TEST_F(Mp4Rotation, RotatedExactlyOnceWhenTranscoding) {
    const auto stored = stored_picture("stored.mov");
    host_.set_option("mode", "transcode");
    host_.set_option("preset", "ultrafast");
    for (const int degrees : {90, 180, 270}) {
        SCOPED_TRACE(degrees);
        const auto in = file("rot" + std::to_string(degrees) + ".mov");
        ASSERT_NO_FATAL_FAILURE(remux_with_rotation(stored, in, degrees));
        const double rotation = probe_media(in).first("video")->rotation;
        ASSERT_NE(rotation, 0);
        const auto out = file("rot" + std::to_string(degrees) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        expect_rotated_once(out, rotation);
    }
}

TEST_F(Mp4Rotation, MkvRotateTagBecomesTheDisplayMatrix) {
    // FFmpeg <= 4.4 and other tools kept the rotation of a Matroska track only
    // as a `rotate` tag (degrees clockwise, stored upper-case by the muxer).
    const auto stored = stored_picture("stored.mov");
    const auto in = file("tagged.mkv");
    ASSERT_EQ(ffmpeg("-i " + quoted(stored) + " -map 0 -c copy -metadata:s:v:0 ROTATE=90 " + quoted(in)), 0);
    const MediaInfo before = probe_media(in);
    ASSERT_EQ(before.first("video")->rotation, 0) << "the input must carry the tag only";
    ASSERT_EQ(tag(before.first("video")->tags, "ROTATE"), "90");
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        // Turned 90 degrees clockwise on screen: ffprobe's angle is -90.
        expect_rotated_once(out, -90);
        const MediaInfo after = probe_media(out);
        EXPECT_EQ(tag(after.first("video")->tags, "rotate"), "<absent>") << "the matrix replaces the tag";
    }
}

TEST_F(Mp4Rotation, StripMetadataKeepsTheRotation) {
    // The display matrix is how the picture is meant to be seen, not a tag.
    const auto in = file("rot90.mov");
    ASSERT_NO_FATAL_FAILURE(remux_with_rotation(stored_picture("stored.mov"), in, 90));
    const double rotation = probe_media(in).first("video")->rotation;
    host_.set_option("strip-metadata", "1");
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        expect_rotated_once(out, rotation);
    }
}

// ---------------------------------------------------------------- metadata

class Mp4Metadata : public Mp4Test {
protected:
    // An iPhone-style MOV (QuickTime mdta keys), a camera-style one
    // (©mak/©mod/©xyz user data) and a Matroska file (tags), all with
    // per-track language and name (track title in Matroska).
    std::vector<std::filesystem::path> tagged_inputs() {
        MediaSpec spec;
        spec.duration = 0.3;
        spec.width = 160;
        spec.height = 120;
        const std::vector<std::string> track_tags = {
            "-metadata:s:v:0", "creation_time=2022-11-09T17:36:38.000000Z", "-metadata:s:a:0", "language=fra",
            "-metadata:s:a:0", "handler_name=Commentary", "-metadata:s:v:0", "language=eng"};
        spec.extra_args = {"-metadata", "creation_time=2022-11-09T17:36:38.000000Z",
                           "-metadata", "com.apple.quicktime.creationdate=2022-11-09T20:36:38+0300",
                           "-metadata", "com.apple.quicktime.location.ISO6709=+48.8584+002.2945+035.000/",
                           "-metadata", "com.apple.quicktime.make=Apple",
                           "-metadata", "com.apple.quicktime.model=iPhone 11 Pro Max",
                           "-movflags", "use_metadata_tags"};
        spec.extra_args.insert(spec.extra_args.end(), track_tags.begin(), track_tags.end());
        const auto apple = make("apple.mov", spec);
        spec.extra_args = {"-metadata", "creation_time=2021-05-01T10:00:00.000000Z", "-metadata", "make=Canon",
                           "-metadata", "model=EOS R6", "-metadata", "location=+35.6586+139.7454/"};
        spec.extra_args.insert(spec.extra_args.end(), track_tags.begin(), track_tags.end());
        const auto camera = make("camera.mov", spec);
        // Matroska has no handler name; the track title is what players show.
        std::replace(spec.extra_args.begin(), spec.extra_args.end(), std::string("handler_name=Commentary"),
                     std::string("title=Commentary"));
        const auto mkv = make("tagged.mkv", spec);
        return {apple, camera, mkv};
    }

    // The container keys each input of tagged_inputs() carries besides the location.
    static bool is_location(const std::string &key) {
        std::string lower = key;
        for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return lower.find("location") != std::string::npos;
    }
    static std::vector<std::string> capture_keys(const MediaInfo &input) {
        std::vector<std::string> keys;
        for (const auto &[key, value] : input.tags)
            if (!is_location(key) && key != "major_brand" && key != "minor_version" && key != "compatible_brands" &&
                !same_key(key, "encoder"))
                keys.push_back(key);
        return keys;
    }
    static std::string location_key(const MediaInfo &input) {
        for (const auto &[key, value] : input.tags)
            if (is_location(key)) return key;
        return "<none>";
    }
};

TEST_F(Mp4Metadata, CaptureTagsAppleKeysAndTrackTagsAreKept) {
    for (const auto &in : tagged_inputs()) {
        SCOPED_TRACE(in.filename().string());
        const MediaInfo before = probe_media(in);
        ASSERT_EQ(capture_keys(before).size(), in.filename() == "apple.mov" ? 4u : 3u) << describe(before);
        ASSERT_NE(location_key(before), "<none>");
        const auto out = file(in.stem().string() + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        for (const auto &key : capture_keys(before)) EXPECT_EQ(tag(after.tags, key), tag(before.tags, key)) << key;
        const std::string location = location_key(before);
        EXPECT_EQ(tag(after.tags, location), tag(before.tags, location)) << location;
        // A track without its own time gets the file's from the muxer (Matroska has none).
        if (const std::string time = tag(before.first("video")->tags, "creation_time"); time != "<absent>") {
            EXPECT_EQ(tag(after.first("video")->tags, "creation_time"), time);
        }
        EXPECT_EQ(tag(after.first("video")->tags, "language"), "eng");
        EXPECT_EQ(tag(after.first("audio")->tags, "language"), "fra");
        EXPECT_EQ(tag(after.first("audio")->tags, "handler_name"), "Commentary");
    }
}

TEST_F(Mp4Metadata, StripMetadataRemovesEveryTagIncludingTheLocation) {
    host_.set_option("strip-metadata", "1");
    for (const auto &in : tagged_inputs()) {
        SCOPED_TRACE(in.filename().string());
        const MediaInfo before = probe_media(in);
        const auto out = file(in.stem().string() + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        for (const auto &key : capture_keys(before)) EXPECT_EQ(tag(after.tags, key), "<absent>") << key;
        EXPECT_EQ(tag(after.tags, location_key(before)), "<absent>");
        for (const auto &[key, value] : after.tags)
            EXPECT_TRUE(key == "major_brand" || key == "minor_version" || key == "compatible_brands" || key == "encoder")
                << "left: " << key << "=" << value;
        EXPECT_EQ(tag(after.first("video")->tags, "creation_time"), "<absent>");
        EXPECT_NE(tag(after.first("video")->tags, "language"), "eng");
        EXPECT_NE(tag(after.first("audio")->tags, "language"), "fra");
        EXPECT_NE(tag(after.first("audio")->tags, "handler_name"), "Commentary");
    }
}

TEST_F(Mp4Metadata, StripLocationRemovesOnlyTheLocation) {
    host_.set_option("strip-location", "1");
    for (const auto &in : tagged_inputs()) {
        SCOPED_TRACE(in.filename().string());
        const MediaInfo before = probe_media(in);
        const auto out = file(in.stem().string() + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        for (const auto &[key, value] : after.tags) EXPECT_FALSE(is_location(key)) << "left: " << key << "=" << value;
        for (const auto &key : capture_keys(before)) EXPECT_EQ(tag(after.tags, key), tag(before.tags, key)) << key;
        EXPECT_EQ(tag(after.first("audio")->tags, "language"), "fra");
        EXPECT_EQ(tag(after.first("audio")->tags, "handler_name"), "Commentary");
    }
}

TEST_F(Mp4Metadata, ChaptersAreKept) {
    const auto chapters = file("chapters.txt");
    {
        std::ofstream f(chapters);
        f << ";FFMETADATA1\n"
             "[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=250\ntitle=Intro\n"
             "[CHAPTER]\nTIMEBASE=1/1000\nSTART=250\nEND=500\ntitle=Main part\n";
    }
    // Matroska keeps chapters in its own element; QuickTime in a text track the
    // demuxer turns into chapters.
    for (const char *name : {"chapters.mkv", "chapters.mov"}) {
        SCOPED_TRACE(name);
        const auto in = file(name);
        ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=160x120:rate=25:duration=0.5 -f lavfi -i sine=duration=0.5 -i " +
                         quoted(chapters) + " -map 0 -map 1 -map_chapters 2 -c:v libx264 -preset ultrafast -c:a aac " +
                         quoted(in)),
                  0);
        ASSERT_EQ(probe_media(in).chapters.size(), 2u);
        const auto out = file(std::string(name) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        EXPECT_TRUE(host_.warnings().empty()) << "a chapter track is not a dropped stream";
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        ASSERT_EQ(after.chapters.size(), 2u);
        EXPECT_EQ(after.chapters[0].title, "Intro");
        EXPECT_NEAR(after.chapters[0].start, 0.0, 0.01);
        EXPECT_EQ(after.chapters[1].title, "Main part");
        EXPECT_NEAR(after.chapters[1].start, 0.25, 0.01);
        EXPECT_EQ(after.count("video"), 1);
        EXPECT_EQ(after.count("audio"), 1);
    }
}

// ---------------------------------------------------------------- tracks

class Mp4Tracks : public Mp4Test {
protected:
    std::filesystem::path base_clip(const std::string &name) {
        MediaSpec spec;
        spec.duration = 0.3;
        spec.width = 160;
        spec.height = 120;
        return make(name, spec);
    }
};

TEST_F(Mp4Tracks, TwoVideoStreamsAreKeptInOrder) {
    const auto in = file("two_video.mkv");
    ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=160x120:rate=25:duration=0.3 -f lavfi -i testsrc=size=128x96:rate=25:"
                     "duration=0.3 -f lavfi -i sine=duration=0.3 -map 0 -map 1 -map 2 -c:v libx264 -preset ultrafast"
                     " -c:a aac -metadata:s:v:1 title=Second " + quoted(in)),
              0);
    const MediaInfo before = probe_media(in);
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        std::cout << describe(after) << "\n";
        ASSERT_EQ(after.streams.size(), 3u);
        EXPECT_EQ(after.streams[0].type, "video");
        EXPECT_EQ(after.streams[0].width, 160);
        EXPECT_EQ(after.streams[1].type, "video");
        EXPECT_EQ(after.streams[1].width, 128);
        EXPECT_EQ(tag(after.streams[1].tags, "handler_name"), "Second");
        EXPECT_EQ(after.streams[2].type, "audio");
        EXPECT_EQ(after.streams[0].frames, before.streams[0].frames);
        EXPECT_EQ(after.streams[1].frames, before.streams[1].frames);
    }
}

TEST_F(Mp4Tracks, AttachmentIsDroppedWithOneWarningNamingIt) {
    const auto font = file("font.ttf");
    {
        std::ofstream f(font, std::ios::binary);
        f << std::string(512, '\x01');
    }
    const auto in = file("fonts.mkv");
    ASSERT_EQ(ffmpeg("-i " + quoted(base_clip("clip.mkv")) + " -map 0 -c copy -attach " + quoted(font) +
                     " -metadata:s:t mimetype=application/x-truetype-font " + quoted(in)),
              0);
    ASSERT_EQ(probe_media(in).count("attachment"), 1);
    ASSERT_EQ(convert(in, file("fonts.mp4")), SB_STATUS_OK) << host_.error();
    ASSERT_EQ(host_.warnings().size(), 1u);
    EXPECT_NE(host_.warnings()[0].find("#2 attachment"), std::string::npos) << host_.warnings()[0];
    EXPECT_NE(host_.warnings()[0].find("ttf"), std::string::npos) << host_.warnings()[0];
    const MediaInfo after = probe_media(file("fonts.mp4"));
    EXPECT_EQ(after.count("attachment"), 0);
    EXPECT_EQ(after.count("video"), 1);
    EXPECT_EQ(after.count("audio"), 1);
}

TEST_F(Mp4Tracks, DataTrackIsDroppedWithOneWarningNamingIt) {
    // A GoPro-style telemetry track ('gpmd'), which MP4 players have no use for.
    const auto blob = file("telemetry.bin");
    {
        std::ofstream f(blob, std::ios::binary);
        f << std::string(2048, '\x02');
    }
    const auto in = file("gopro.mov");
    ASSERT_EQ(ffmpeg("-i " + quoted(base_clip("clip.mov")) + " -f data -i " + quoted(blob) +
                     " -map 0 -map 1 -c copy -tag:d gpmd " + quoted(in)),
              0);
    ASSERT_EQ(probe_media(in).count("data"), 1);
    ASSERT_EQ(convert(in, file("gopro.mp4")), SB_STATUS_OK) << host_.error();
    ASSERT_EQ(host_.warnings().size(), 1u);
    EXPECT_NE(host_.warnings()[0].find("#2 data"), std::string::npos) << host_.warnings()[0];
    EXPECT_NE(host_.warnings()[0].find("gpmd"), std::string::npos) << host_.warnings()[0];
    const MediaInfo after = probe_media(file("gopro.mp4"));
    EXPECT_EQ(after.count("data"), 0);
    EXPECT_EQ(after.count("video"), 1);
    EXPECT_EQ(after.count("audio"), 1);
}

TEST_F(Mp4Tracks, CoverArtDoesNotFailTheFile) {
    const auto cover = file("cover.png");
    ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=64x64 -frames:v 1 " + quoted(cover)), 0);
    // MP4 keeps cover art as an attached picture; Matroska as an image
    // attachment, which the demuxer shows as one.
    const auto mp4 = file("cover.mp4"), mkv = file("cover.mkv");
    ASSERT_EQ(ffmpeg("-i " + quoted(base_clip("clip.mov")) + " -i " + quoted(cover) +
                     " -map 0 -map 1 -c copy -disposition:v:1 attached_pic " + quoted(mp4)),
              0);
    ASSERT_EQ(ffmpeg("-i " + quoted(base_clip("clip.mkv")) + " -map 0 -c copy -attach " + quoted(cover) +
                     " -metadata:s:t mimetype=image/png -metadata:s:t filename=cover.png " + quoted(mkv)),
              0);
    for (const auto &in : {mp4, mkv}) {
        const MediaInfo before = probe_media(in);
        ASSERT_EQ(before.count("video"), 2) << describe(before);
        ASSERT_EQ(real_video_count(before), 1) << describe(before);
        for (const char *mode : kBothModes) {
            SCOPED_TRACE(in.filename().string() + " " + mode);
            host_.set_option("mode", mode);
            const auto out = file(in.stem().string() + "_" + mode + ".mp4");
            ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
            const MediaInfo after = probe_media(out);
            ASSERT_TRUE(after.ok) << after.error;
            std::cout << describe(after) << "\n";
            EXPECT_EQ(real_video_count(after), 1);
            EXPECT_EQ(after.count("video"), 2) << "the cover is kept as cover art";
            EXPECT_EQ(after.count("audio"), 1);
            EXPECT_EQ(after.first("video")->width, 160); // the film, not the picture, comes first
            EXPECT_TRUE(host_.warnings().empty());
        }
    }
}

// ---------------------------------------------------------------- pixel formats

class Mp4PixelFormats : public Mp4Test {};

TEST_F(Mp4PixelFormats, HighBitDepthChromaAndAlphaBecomeYuv420pHigh) {
    struct Case {
        const char *name, *codec, *pix_fmt;
    };
    for (const Case c : {Case{"422p10.mov", "prores_ks", "yuv422p10le"}, Case{"444p.mov", "libx264", "yuv444p"},
                         Case{"argb.mov", "qtrle", "argb"}, Case{"rgba.mov", "png", "rgba"}}) {
        SCOPED_TRACE(c.name);
        MediaSpec spec;
        spec.duration = 0.2;
        spec.width = 128;
        spec.height = 96;
        spec.video_codec = c.codec;
        spec.pix_fmt = c.pix_fmt;
        spec.audio_codec = "";
        const auto in = make(c.name, spec);
        ASSERT_EQ(probe_media(in).first("video")->pix_fmt, c.pix_fmt);
        const auto out = file(std::string(c.name) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        ASSERT_NE(after.first("video"), nullptr);
        EXPECT_EQ(after.first("video")->codec_name, "h264");
        EXPECT_EQ(after.first("video")->pix_fmt, "yuv420p");
        EXPECT_EQ(after.first("video")->profile, "High");
    }
}

TEST_F(Mp4PixelFormats, PixFmtYuv444pOverridesTheDefault) {
    MediaSpec spec;
    spec.duration = 0.2;
    spec.width = 128;
    spec.height = 96;
    spec.video_codec = "prores_ks";
    spec.pix_fmt = "yuv422p10le";
    const auto in = make("prores.mov", spec);
    host_.set_option("pix-fmt", "yuv444p");
    ASSERT_EQ(convert(in, file("444.mp4")), SB_STATUS_OK) << host_.error();
    const MediaInfo after = probe_media(file("444.mp4"));
    ASSERT_TRUE(after.ok) << after.error;
    EXPECT_EQ(after.first("video")->pix_fmt, "yuv444p");
    EXPECT_EQ(after.first("video")->profile, "High 4:4:4 Predictive");
}

TEST_F(Mp4PixelFormats, OddSizesAreCroppedOrPaddedAsTheChromaNeeds) {
    struct Case {
        int width, height;
        const char *pix_fmt; // --pix-fmt, "" = default 4:2:0
        int out_width, out_height;
    };
    for (const Case c : {Case{161, 1, "", 160, 2},                // 1 pixel high: padded, not cropped away
                         Case{161, 121, "yuv422p", 160, 121},    // 4:2:2 needs an even width only
                         Case{161, 121, "yuv444p", 161, 121}}) { // 4:4:4 takes any size
        const std::string name = std::to_string(c.width) + "x" + std::to_string(c.height) + c.pix_fmt;
        SCOPED_TRACE(name);
        MediaSpec spec;
        spec.duration = 0.2;
        spec.rate = "10";
        spec.width = c.width;
        spec.height = c.height;
        spec.video_codec = "qtrle";
        spec.pix_fmt = "rgb24";
        spec.audio_codec = "";
        const auto in = make(name + ".mov", spec);
        FakeHost host;
        host.set_defaults(*mp4_);
        if (*c.pix_fmt != '\0') host.set_option("pix-fmt", c.pix_fmt);
        const auto out = file(name + ".mp4");
        ASSERT_EQ(host.convert(*mp4_, in, out), SB_STATUS_OK) << host.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(after.first("video")->width, c.out_width);
        EXPECT_EQ(after.first("video")->height, c.out_height);
        EXPECT_EQ(after.first("video")->frames, 2);
    }
}

// ---------------------------------------------------------------- timing

class Mp4Timing : public Mp4Test {};

TEST_F(Mp4Timing, VariableFrameRateIsNotRetimed) {
    // 5 frames 40 ms apart, then 5 frames 100 ms apart.
    MediaSpec spec;
    spec.duration = 0.4;
    spec.rate = "25";
    spec.width = 128;
    spec.height = 96;
    spec.audio_codec = "";
    spec.format = "matroska";
    spec.extra_args = {"-vf", "setpts='if(lt(N,5),N/25,0.2+(N-5)/10)/TB'", "-fps_mode:v", "passthrough"};
    const auto in = make("vfr.mkv", spec);
    const std::vector<double> before = video_frame_times(in);
    ASSERT_EQ(before.size(), 10u);
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const std::vector<double> after = video_frame_times(out);
        ASSERT_EQ(after.size(), before.size()) << "frames duplicated or dropped";
        for (std::size_t i = 0; i < after.size(); ++i)
            EXPECT_NEAR(after[i] - after[0], before[i] - before[0], 0.002) << "frame " << i;
        EXPECT_TRUE(probe_media(out).first("video")->dts_increasing);
    }
}

TEST_F(Mp4Timing, CopiedBFramesKeepTheirPresentationTimes) {
    // Matroska stores presentation times only; the demuxer cannot give the
    // first B-frame packets a decode time.
    MediaSpec spec;
    spec.duration = 0.4;
    spec.rate = "25";
    spec.width = 128;
    spec.height = 96;
    spec.audio_codec = "";
    spec.extra_args = {"-preset", "veryfast", "-bf", "3"}; // after make_media's ultrafast: B-frames on
    const auto in = make("bframes.mkv", spec);
    const std::vector<double> before = video_frame_times(in);
    ASSERT_EQ(before.size(), 10u);
    const auto out = file("bframes.mp4");
    ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
    const MediaInfo after = probe_media(out);
    ASSERT_EQ(after.first("video")->packet_hash, probe_media(in).first("video")->packet_hash) << "not copied";
    EXPECT_TRUE(after.first("video")->dts_increasing);
    const std::vector<double> times = video_frame_times(out);
    ASSERT_EQ(times.size(), before.size());
    for (std::size_t i = 0; i < times.size(); ++i)
        EXPECT_NEAR(times[i] - times[0], before[i] - before[0], 0.002) << "frame " << i;
    // Every frame is shown once, 40 ms apart: no two share a time.
    for (std::size_t i = 1; i < times.size(); ++i) EXPECT_NEAR(times[i] - times[i - 1], 0.04, 0.002) << "frame " << i;
}

TEST_F(Mp4Timing, LateAudioStaysInSync) {
    // The sound starts 0.2 s after the picture (an edit list in the MOV); the
    // AAC input carries encoder priming as well, which players skip.
    for (const char *codec : {"pcm_s16le", "aac"}) {
        const auto in = file(std::string("late_") + codec + ".mov");
        ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25:duration=0.6 -itsoffset 0.2 -f lavfi"
                         " -i sine=duration=0.4:sample_rate=48000 -c:v libx264 -preset ultrafast -c:a " +
                         std::string(codec) + " " + quoted(in)),
                  0);
        const double offset = audio_onset_seconds(in) - video_frame_times(in).at(0);
        ASSERT_NEAR(offset, 0.2, 0.001) << codec;
        for (const char *mode : kBothModes) {
            SCOPED_TRACE(std::string(codec) + " " + mode);
            host_.set_option("mode", mode);
            const auto out = file(std::string(codec) + "_" + mode + ".mp4");
            ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
            ASSERT_FALSE(video_frame_times(out).empty());
            EXPECT_NEAR(audio_onset_seconds(out) - video_frame_times(out).at(0), offset, 0.003);
            EXPECT_NEAR(probe_media(out).duration, probe_media(in).duration, 0.04);
        }
    }
}

TEST_F(Mp4Timing, EditListOfATrimmedMovIsHonoured) {
    // Cut without re-encoding: the MOV still holds the frames from the key
    // frame on, and its edit list hides the first 0.4 s of them.
    MediaSpec spec;
    spec.duration = 1.0;
    spec.rate = "25";
    spec.width = 128;
    spec.height = 96;
    const auto full = make("full.mov", spec);
    const auto in = file("trimmed.mov");
    ASSERT_EQ(ffmpeg("-ss 0.4 -i " + quoted(full) + " -c copy " + quoted(in)), 0);
    auto shown = [](const std::vector<double> &times) {
        return std::count_if(times.begin(), times.end(), [](double t) { return t >= -1e-6; });
    };
    const MediaInfo before = probe_media(in);
    ASSERT_EQ(shown(video_frame_times(in)), 15);
    ASSERT_EQ(video_frame_times(in).size(), 25u) << "the input must hold hidden frames";
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(shown(video_frame_times(out)), 15);
        EXPECT_NEAR(after.first("video")->duration, before.first("video")->duration, 0.041);
        EXPECT_NEAR(after.duration, before.duration, 0.041);
        EXPECT_NEAR(audio_onset_seconds(out), audio_onset_seconds(in), 0.003);
    }
}

TEST_F(Mp4Timing, DuplicatedTimestampsAreFixedNotFatal) {
    // Frames 5 and 9 repeat the previous frame's timestamp, as a broken
    // recorder or a bad remux leaves them.
    const auto in = file("dup.mkv");
    ASSERT_EQ(ffmpeg("-f lavfi -i testsrc2=size=128x96:rate=25:duration=0.6 -f lavfi -i sine=duration=0.6"
                     " -c:v libx264 -preset ultrafast -c:a aac"
                     " -bsf:v \"setts=ts=if(eq(N\\,5)+eq(N\\,9)\\,PREV_INPTS\\,TS)\" " + quoted(in)),
              0);
    const MediaInfo before = probe_media(in);
    ASSERT_FALSE(before.first("video")->dts_increasing) << "the input must repeat timestamps";
    for (const char *mode : kBothModes) {
        SCOPED_TRACE(mode);
        host_.set_option("mode", mode);
        const auto out = file(std::string(mode) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_TRUE(after.first("video")->dts_increasing);
        EXPECT_EQ(after.first("video")->frames, before.first("video")->frames);
        EXPECT_NEAR(after.duration, before.duration, 0.05);
    }
}

// ---------------------------------------------------------------- audio

class Mp4Audio : public Mp4Test {
protected:
    std::filesystem::path audio_only(const std::string &name, const std::string &codec, int rate, int channels) {
        MediaSpec spec;
        spec.duration = 0.5;
        spec.video_codec = "";
        spec.audio_codec = codec;
        spec.sample_rate = rate;
        spec.channels = channels;
        return make(name, spec);
    }
};

TEST_F(Mp4Audio, PcmAndAdpcmInMovBecomeAac) {
    for (const char *codec : {"pcm_s16be", "pcm_s24le", "pcm_s24be", "pcm_u8", "pcm_f32le", "pcm_mulaw", "adpcm_ima_qt"}) {
        SCOPED_TRACE(codec);
        const auto in = audio_only(std::string(codec) + ".mov", codec, 48000, 2);
        ASSERT_EQ(probe_media(in).first("audio")->codec_name, codec);
        const auto out = file(std::string(codec) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        ASSERT_NE(after.first("audio"), nullptr);
        EXPECT_EQ(after.first("audio")->codec_name, "aac");
        EXPECT_EQ(after.first("audio")->sample_rate, 48000);
        EXPECT_EQ(after.first("audio")->channels, 2);
        EXPECT_NEAR(after.duration, 0.5, 0.05);
    }
}

TEST_F(Mp4Audio, ChannelCountIsKept) {
    for (const int channels : {1, 2, 6}) {
        SCOPED_TRACE(channels);
        const auto in = audio_only(std::to_string(channels) + "ch.mov", "pcm_s16le", 48000, channels);
        const auto out = file(std::to_string(channels) + "ch.mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(after.first("audio")->codec_name, "aac");
        EXPECT_EQ(after.first("audio")->channels, channels);
    }
}

TEST_F(Mp4Audio, SampleRateAacCannotTakeIsResampled) {
    struct Case {
        int in_rate, out_rate;
    };
    for (const Case c : {Case{192000, 96000}, Case{5000, 7350}}) {
        SCOPED_TRACE(c.in_rate);
        const auto in = audio_only(std::to_string(c.in_rate) + ".mov", "pcm_s16le", c.in_rate, 2);
        const auto out = file(std::to_string(c.in_rate) + ".mp4");
        ASSERT_EQ(convert(in, out), SB_STATUS_OK) << host_.error();
        const MediaInfo after = probe_media(out);
        ASSERT_TRUE(after.ok) << after.error;
        EXPECT_EQ(after.first("audio")->codec_name, "aac");
        EXPECT_EQ(after.first("audio")->sample_rate, c.out_rate); // the nearest rate AAC has
        EXPECT_NEAR(after.duration, 0.5, 0.05);
    }
}

TEST_F(Mp4Audio, AudioCopyOfNonMp4CodecsFailsNamingTheCodec) {
    host_.set_option("audio", "copy");
    for (const char *codec : {"pcm_s24le", "pcm_mulaw", "adpcm_ima_qt"}) {
        SCOPED_TRACE(codec);
        const auto in = audio_only(std::string(codec) + ".mov", codec, 48000, 2);
        const auto out = file(std::string(codec) + ".mp4");
        EXPECT_EQ(convert(in, out), SB_STATUS_FAILED);
        EXPECT_EQ(host_.error(), std::string("audio stream #0 ") + codec + " cannot be copied into MP4 (use --audio aac)");
        EXPECT_FALSE(std::filesystem::exists(out));
    }
}

} // namespace
} // namespace sb::test
