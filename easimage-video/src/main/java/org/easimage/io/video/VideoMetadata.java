package org.easimage.io.video;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.easimage.io.FormatMetadata;

/**
 * What the container and stream headers say, read without decoding: container, codec, profile, pixel format,
 * bit rate, duration, colour description, tags, rotation and where the frame count comes from.
 *
 * @param fields the fields in display order
 */
public record VideoMetadata(Map<String, Object> fields) implements FormatMetadata {

    public VideoMetadata {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    @Override
    public Map<String, Object> asMap() {
        return fields;
    }

    /**
     * The container tag easimage writes with the first frame's acquisition instant to the nanosecond
     * (ISO-8601 UTC), because MP4 keeps {@code creation_time} to the second only.
     */
    static final String START_TAG = "acquisition_start";

    /** The acquisition instant of the first frame and the tag it comes from. */
    record Start(Instant instant, String tag) {
    }

    /**
     * The container tag easimage writes when the codec could not store the frames as they were: their size before
     * padding (4:2:0 needs even sizes) and whether they were gray (H.264 and MJPEG store colour). Its value is
     * {@code WxH} or {@code WxH gray}; AVI, which keeps only its INFO fields, carries it in the comment as
     * {@code easimage_frame=VALUE}. The reader crops and converts back to what was written.
     */
    static final String FRAME_TAG = "easimage_frame";

    /** What {@value #FRAME_TAG} states. */
    record StoredFrame(int width, int height, boolean gray) {

        private static final java.util.regex.Pattern STORED =
                java.util.regex.Pattern.compile("(\\d{1,5})x(\\d{1,5})( gray)?");

        String value() {
            return width + "x" + height + (gray ? " gray" : "");
        }

        /** The frames {@code ctx}'s tags state, or null when there is no such tag or it does not parse. */
        static StoredFrame of(AVFormatContext ctx) {
            Map<String, String> tags = tags(ctx.metadata());
            for (Map.Entry<String, String> e : tags.entrySet()) {
                String v = e.getValue();
                if (e.getKey().equalsIgnoreCase("comment") && v.startsWith(FRAME_TAG + "=")) {
                    return parse(v.substring(FRAME_TAG.length() + 1));
                }
                if (e.getKey().equalsIgnoreCase(FRAME_TAG)) {
                    return parse(v);
                }
            }
            return null;
        }

        private static StoredFrame parse(String v) {
            java.util.regex.Matcher m = STORED.matcher(v.trim());
            if (!m.matches()) {
                return null;
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            return w > 0 && h > 0 ? new StoredFrame(w, h, m.group(3) != null) : null;
        }
    }

    /**
     * The instant the video's first frame was acquired, when the container states one: {@value #START_TAG}, else
     * {@code creation_time} (not the unset MP4 dates 1904 or 1970), else for AVI the {@code date} (ICRD) tag when it
     * is a full ISO-8601 instant. Tag names match without regard to case (Matroska stores them upper case).
     */
    static Start start(AVFormatContext ctx) {
        Map<String, String> tags = tags(ctx.metadata());
        boolean avi = "avi".equals(string(ctx.iformat().name()));
        for (String key : avi ? new String[] {START_TAG, "creation_time", "date"}
                : new String[] {START_TAG, "creation_time"}) {
            for (Map.Entry<String, String> e : tags.entrySet()) {
                if (e.getKey().equalsIgnoreCase(key)) {
                    Instant t = instant(e.getValue());
                    if (t != null) {
                        return new Start(t, e.getKey());
                    }
                }
            }
        }
        return null;
    }

    private static Instant instant(String s) {
        try {
            Instant t = Instant.parse(s.trim());
            return t.equals(Instant.EPOCH) || t.getEpochSecond() == -2082844800L ? null : t; // unset MP4 dates
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static VideoMetadata read(Demuxer d, VideoIndex index, PixelLayout layout, Start start) {
        AVFormatContext ctx = d.context;
        AVStream st = d.stream;
        AVCodecParameters par = st.codecpar();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("container", string(ctx.iformat().name()));
        m.put("containerLongName", string(ctx.iformat().long_name()));
        m.put("codec", string(avcodec.avcodec_get_name(par.codec_id())));
        BytePointer profile = avcodec.avcodec_profile_name(par.codec_id(), par.profile());
        if (profile != null && !profile.isNull()) {
            m.put("profile", profile.getString());
        }
        m.put("pixelFormat", layout.name());
        m.put("bitDepth", layout.depth());
        m.put("width", par.width());
        m.put("height", par.height());
        if (par.bit_rate() > 0) {
            m.put("bitRate", par.bit_rate());
        }
        if (ctx.bit_rate() > 0) {
            m.put("containerBitRate", ctx.bit_rate());
        }
        if (ctx.duration() != avutil.AV_NOPTS_VALUE && ctx.duration() > 0) {
            m.put("durationSeconds", ctx.duration() / 1e6);
        }
        m.put("timeBase", st.time_base().num() + "/" + st.time_base().den());
        m.put("avgFrameRate", st.avg_frame_rate().num() + "/" + st.avg_frame_rate().den());
        m.put("realFrameRate", st.r_frame_rate().num() + "/" + st.r_frame_rate().den());
        m.put("colorRange", string(avutil.av_color_range_name(par.color_range())));
        m.put("colorSpace", string(avutil.av_color_space_name(par.color_space())));
        m.put("colorPrimaries", string(avutil.av_color_primaries_name(par.color_primaries())));
        m.put("colorTransfer", string(avutil.av_color_transfer_name(par.color_trc())));
        Double rotation = rotation(par);
        if (rotation != null) {
            m.put("rotationDegrees", rotation);
        }
        m.put("containerFrameCount", st.nb_frames());
        m.put("frameCountSource", "index");
        m.put("keyframes", index.keyframes());
        m.put("startTime", start == null ? "none (no " + START_TAG + " or creation_time tag): frames have times but no"
                + " timestamps" : start.instant() + " (tag " + start.tag() + ")");
        m.put("containerTags", tags(ctx.metadata()));
        m.put("streamTags", tags(st.metadata()));
        return new VideoMetadata(m);
    }

    private static Double rotation(AVCodecParameters par) {
        AVPacketSideData sd = avcodec.av_packet_side_data_get(par.coded_side_data(), par.nb_coded_side_data(),
                avcodec.AV_PKT_DATA_DISPLAYMATRIX);
        if (sd == null || sd.isNull() || sd.size() < 36) {
            return null;
        }
        double r = avutil.av_display_rotation_get(new IntPointer(sd.data()));
        return Double.isNaN(r) ? null : -r; // FFmpeg gives the counter-clockwise angle to undo; report clockwise
    }

    static Map<String, String> tags(AVDictionary dict) {
        Map<String, String> m = new LinkedHashMap<>();
        if (dict == null || dict.isNull()) {
            return m;
        }
        AVDictionaryEntry e = null;
        while ((e = avutil.av_dict_get(dict, "", e, avutil.AV_DICT_IGNORE_SUFFIX)) != null && !e.isNull()) {
            m.put(e.key().getString(), e.value().getString());
        }
        return m;
    }

    private static String string(BytePointer p) {
        return p == null || p.isNull() ? "unknown" : p.getString();
    }
}
