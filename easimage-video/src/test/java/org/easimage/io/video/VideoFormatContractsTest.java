package org.easimage.io.video;

import org.easimage.testing.FormatContractSuite;

/** The format kit over the video format: samples its writer makes and the real videos of ../shared/data. */
class VideoFormatContractsTest extends FormatContractSuite {
}
