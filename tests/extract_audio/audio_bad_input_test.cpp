// Inputs `sb audio` cannot use fail with one line naming the problem; probe
// and plan (for -s and --dry-run) refuse the same inputs and write nothing.
#include "audio_test_util.hpp"

#include <fstream>
#include <iterator>

namespace sb::test {
namespace {

using AudioBadInput = AudioTest;

TEST_F(AudioBadInput, VideoWithoutAudioSaysItHasOnlyVideo) {
    MediaSpec spec = small_clip();
    spec.audio_codec = "";
    expect_failure(make("silent.mov", spec), "no audio stream (the file has only video)");
}

TEST_F(AudioBadInput, EmptyFileSaysItIsEmpty) {
    const auto in = file("empty.mov");
    std::ofstream{in};
    expect_failure(in, "empty file (0 bytes)");
}

// FFmpeg falls back to the demuxer the extension suggests when the content
// matches nothing; whatever the name, the reason must say "not a media file".
TEST_F(AudioBadInput, TextFileIsNotAMediaFileWhateverItsExtension) {
    for (const std::string name : {"notes.mp3", "notes.aac", "notes.ogg", "notes.flac", "notes.wav", "notes.m4a", "notes.mov"}) {
        SCOPED_TRACE(name);
        const auto in = file(name);
        std::ofstream(in) << "Band practice: Tuesday 7pm, bring the cables.\n";
        expect_failure(in, "not a media file FFmpeg can read");
    }
}

TEST_F(AudioBadInput, TruncatedMovKeepsTheReasonThatNamesTheMissingMoov) {
    // Media whose content is recognised keeps FFmpeg's more precise reason.
    const auto whole = make("whole.mov", small_clip());
    std::string bytes;
    {
        std::ifstream in(whole, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const auto in = file("cut.mov");
    std::ofstream(in, std::ios::binary) << bytes.substr(0, bytes.size() / 2); // moov is at the end: cut off
    expect_failure(in, "truncated QuickTime/MP4 file: moov atom not found");
}

TEST_F(AudioBadInput, SubtitlesOnlyFileHasNoAudioStream) {
    const auto srt = file("subs.srt");
    std::ofstream(srt) << "1\n00:00:00,200 --> 00:00:00,800\nHello\n\n";
    const auto in = make_with_ffmpeg("subs_only.mkv", {"-i", srt.string(), "-c:s", "srt"});
    expect_failure(in, "no audio stream in this file");
}

TEST_F(AudioBadInput, MissingFileSaysSo) { expect_failure(file("nowhere.wav"), "No such file or directory"); }

TEST_F(AudioBadInput, ProbeRefusesAFileWithoutAudioAndMeasuresOneWithAudio) {
    MediaSpec spec = small_clip();
    spec.audio_codec = "";
    double duration = 0;
    EXPECT_EQ(host_.probe(*audio_, make("silent.mov", spec), &duration), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "no audio stream (the file has only video)");

    EXPECT_EQ(host_.probe(*audio_, make("clip.mov", small_clip()), &duration), SB_STATUS_OK) << host_.error();
    EXPECT_NEAR(duration, 0.5, 0.06);
}

TEST_F(AudioBadInput, DryRunPlanDescribesTheJobOrRefusesWithTheSameReason) {
    host_.set_option("format", "mp3");
    EXPECT_EQ(host_.plan(*audio_, make("clip.mov", small_clip())), SB_STATUS_OK) << host_.error();
    EXPECT_TRUE(logged("info: audio stream 0 of 1: aac, 44100 Hz, stereo"));
    EXPECT_TRUE(logged("info: -> mp3: libmp3lame 192k, 44100 Hz, stereo"));

    host_.set_option("stream", "3");
    EXPECT_EQ(host_.plan(*audio_, file("clip.mov")), SB_STATUS_FAILED);
    EXPECT_EQ(host_.error(), "--stream 3: the file has 1 audio stream (use 0)");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_.path()), {}), 1) << "plan writes nothing";
}

} // namespace
} // namespace sb::test
