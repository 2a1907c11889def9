package org.easimage.zarr;

import org.easimage.testing.FormatContractSuite;

/** The format kit over the Zarr format: stores its writer makes, read back, damaged and reopened. */
class ZarrFormatContractsTest extends FormatContractSuite {
}
