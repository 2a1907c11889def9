package org.easimage.io.images;

import java.awt.image.RenderedImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.easimage.frame.FrameSpec;
import org.w3c.dom.Node;

/**
 * The real bit depth of 16-bit samples (12 of 16 for a 12-bit camera) in image files: PNG's {@code sBIT} chunk
 * and TIFF's {@code SMaxSampleValue} tag (341), written when fewer bits than the sample size are significant and
 * read back. Samples are stored as they are (0..4095 for 12 bits), never shifted, so every other reader gets the
 * source's values; a PNG decoder that applies {@code sBIT} as a shift (libpng's {@code png_set_shift}, rarely
 * asked for) would divide them by 16.
 */
final class SignificantBits {

    static final String PNG = "javax_imageio_png_1.0";
    static final String TIFF = "javax_imageio_tiff_image_1.0";
    static final int TAG_SMAX_SAMPLE_VALUE = 341;

    private SignificantBits() {
    }

    /**
     * Image metadata for {@code writer} that states {@code spec}'s significant bits, or null when all bits of the
     * samples are significant or the file type has no place for them (JPEG, BMP).
     */
    static IIOMetadata metadata(ImageWriter writer, RenderedImage img, ImageWriteParam param, ImageFileType type,
            FrameSpec spec) throws IIOInvalidTreeException {
        int bits = spec.significantBits();
        if (!spec.sampleType().isInteger() || bits >= spec.sampleType().bits()
                || (type != ImageFileType.PNG && type != ImageFileType.TIFF)) {
            return null;
        }
        IIOMetadata md = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
        String b = Integer.toString(bits);
        if (type == ImageFileType.PNG) {
            IIOMetadataNode root = new IIOMetadataNode(PNG);
            IIOMetadataNode sbit = new IIOMetadataNode("sBIT");
            IIOMetadataNode values;
            if (spec.channels() == 1) {
                values = new IIOMetadataNode("sBIT_Grayscale");
                values.setAttribute("gray", b);
            } else {
                values = new IIOMetadataNode(spec.channels() == 4 ? "sBIT_RGBAlpha" : "sBIT_RGB");
                values.setAttribute("red", b);
                values.setAttribute("green", b);
                values.setAttribute("blue", b);
                if (spec.channels() == 4) {
                    values.setAttribute("alpha", b);
                }
            }
            sbit.appendChild(values);
            root.appendChild(sbit);
            md.mergeTree(PNG, root);
        } else {
            IIOMetadataNode root = new IIOMetadataNode(TIFF);
            IIOMetadataNode ifd = new IIOMetadataNode("TIFFIFD");
            IIOMetadataNode field = new IIOMetadataNode("TIFFField");
            field.setAttribute("number", Integer.toString(TAG_SMAX_SAMPLE_VALUE));
            field.setAttribute("name", "SMaxSampleValue");
            IIOMetadataNode shorts = new IIOMetadataNode("TIFFShorts");
            for (int c = 0; c < spec.channels(); c++) {
                IIOMetadataNode v = new IIOMetadataNode("TIFFShort");
                v.setAttribute("value", Integer.toString((1 << bits) - 1));
                shorts.appendChild(v);
            }
            field.appendChild(shorts);
            ifd.appendChild(field);
            root.appendChild(ifd);
            md.mergeTree(TIFF, root);
        }
        return md;
    }

    /**
     * The significant bits image 0 of {@code reader} states (PNG {@code sBIT}, TIFF {@code SMaxSampleValue}), or
     * {@code sampleBits} when it states none or something implausible.
     */
    static int read(ImageReader reader, int sampleBits) {
        try {
            IIOMetadata md = reader.getImageMetadata(0);
            if (md == null) {
                return sampleBits;
            }
            int bits = 0;
            for (String f : md.getMetadataFormatNames() == null ? new String[0] : md.getMetadataFormatNames()) {
                if (f.equals(PNG)) {
                    bits = pngBits(md.getAsTree(PNG));
                } else if (f.equals(TIFF)) {
                    bits = tiffBits(md.getAsTree(TIFF));
                }
            }
            return bits >= 1 && bits < sampleBits ? bits : sampleBits;
        } catch (java.io.IOException | RuntimeException e) {
            return sampleBits; // metadata that does not parse states nothing
        }
    }

    /** The largest significant-bit count of the sBIT chunk's colour channels, or 0. */
    private static int pngBits(Node root) {
        Node sbit = child(root, "sBIT");
        if (sbit == null || sbit.getFirstChild() == null) {
            return 0;
        }
        Node values = sbit.getFirstChild();
        int bits = 0;
        for (String a : new String[] {"gray", "red", "green", "blue"}) {
            Node n = values.getAttributes().getNamedItem(a);
            if (n != null) {
                bits = Math.max(bits, Integer.parseInt(n.getNodeValue()));
            }
        }
        return bits;
    }

    /** The bits that hold SMaxSampleValue (4095: 12), or 0 when the tag is absent. */
    private static int tiffBits(Node root) {
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
            for (Node f = ifd.getFirstChild(); f != null; f = f.getNextSibling()) {
                Node number = f.getAttributes() == null ? null : f.getAttributes().getNamedItem("number");
                if (number != null && number.getNodeValue().equals(Integer.toString(TAG_SMAX_SAMPLE_VALUE))) {
                    long max = 0;
                    for (Node list = f.getFirstChild(); list != null; list = list.getNextSibling()) {
                        for (Node v = list.getFirstChild(); v != null; v = v.getNextSibling()) {
                            Node value = v.getAttributes().getNamedItem("value");
                            if (value != null) {
                                max = Math.max(max, Long.parseLong(value.getNodeValue()));
                            }
                        }
                    }
                    return max <= 0 ? 0 : 64 - Long.numberOfLeadingZeros(max);
                }
            }
        }
        return 0;
    }

    private static Node child(Node parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals(name)) {
                return n;
            }
        }
        return null;
    }
}
