package dev.gatehouse.apps.internal.logo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.policy.pack.PolicyPack.LogoRules;

/**
 * Images are drawn in code; the two WebP files under {@code src/test/resources/logos/} were made with
 * libwebp's {@code cwebp} 1.2.4 from a 256×256 PNG whose top-left quarter is transparent, bottom-left red and
 * right half blue: {@code cwebp -lossless -metadata none} (VP8L, 62 bytes) and {@code cwebp -q 80} (VP8X with
 * ALPH and VP8, 332 bytes).
 */
class LogoProcessorTests {

	private static final int MIB = 1024 * 1024;

	private final LogoProcessor processor = new LogoProcessor();

	// accepted

	@Test
	void processWhenPngWithinRulesThenReencodedAsPngWithSameSizeAndPixels() throws IOException {
		byte[] upload = png(256, 256);

		ProcessedLogo logo = processor.process(upload, "logo.png", "image/png", rules());

		assertThat(logo.detectedFormat()).isEqualTo("png");
		assertThat(logo.width()).isEqualTo(256);
		assertThat(logo.height()).isEqualTo(256);
		BufferedImage out = read(logo.png());
		assertThat(out.getWidth()).isEqualTo(256);
		assertThat(out.getHeight()).isEqualTo(256);
		assertThat(out.getRGB(10, 10)).isEqualTo(Color.RED.getRGB());
		assertThat(out.getRGB(200, 200)).isEqualTo(Color.BLUE.getRGB());
		assertThat(logo.sha256Hex()).isEqualTo(sha256Hex(logo.png()));
	}

	@Test
	void processWhenPngCarriesTextChunkThenOutputHasOnlyImageChunks() throws IOException {
		byte[] upload = withChunkAfterIhdr(png(256, 256), "tEXt",
				"Comment\0https://evil.example/track?id=42".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(chunkTypes(upload)).contains("tEXt");

		ProcessedLogo logo = processor.process(upload, "logo.png", "image/png", rules());

		assertThat(chunkTypes(logo.png())).doesNotContain("tEXt").containsOnly("IHDR", "IDAT", "IEND");
		assertThat(new String(logo.png(), StandardCharsets.ISO_8859_1)).doesNotContain("evil.example");
	}

	@Test
	void processWhenPngHasZipAppendedThenTrailingBytesAreDropped() throws IOException {
		byte[] upload = concat(png(256, 256), zip("payload.html", "<script>alert(1)</script>"));

		ProcessedLogo logo = processor.process(upload, "logo.png", "image/png", rules());

		assertThat(chunkTypes(logo.png())).containsOnly("IHDR", "IDAT", "IEND");
		String text = new String(logo.png(), StandardCharsets.ISO_8859_1);
		assertThat(text).doesNotContain("PK").doesNotContain("payload.html");
	}

	@Test
	void processWhenPalettePngHasTransparentEntryThenAlphaIsKept() throws IOException {
		IndexColorModel palette = new IndexColorModel(8, 2, new byte[] { 0, (byte) 255 }, new byte[] { 0, 0 },
				new byte[] { 0, 0 }, 0);
		BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_BYTE_INDEXED, palette);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.RED);
		g.fillRect(128, 0, 128, 256);
		g.dispose();

		ProcessedLogo logo = processor.process(encode(image, "png"), "logo.png", "image/png", rules());

		BufferedImage out = read(logo.png());
		assertThat(out.getRGB(10, 10) >>> 24).isZero();
		assertThat(out.getRGB(200, 10)).isEqualTo(Color.RED.getRGB());
	}

	@Test
	void processWhenJpegWithinRulesThenReencodedAsPng() throws IOException {
		byte[] upload = jpeg(300, 300);

		ProcessedLogo logo = processor.process(upload, "logo.jpg", "image/jpeg", rules());

		assertThat(logo.detectedFormat()).isEqualTo("jpeg");
		assertThat(logo.width()).isEqualTo(300);
		assertThat(logo.height()).isEqualTo(300);
		assertThat(Arrays.copyOf(logo.png(), 8)).isEqualTo(pngSignature());
		assertThat(chunkTypes(logo.png())).containsOnly("IHDR", "IDAT", "IEND");
		assertThat(read(logo.png()).getWidth()).isEqualTo(300);
	}

	@Test
	void processWhenJpegIsNamedPngThenTheBytesDecide() throws IOException {
		ProcessedLogo logo = processor.process(jpeg(256, 256), "logo.png", "image/png", rules());

		assertThat(logo.detectedFormat()).isEqualTo("jpeg");
	}

	@Test
	void processWhenPngIsNamedSvgThenTheBytesDecide() throws IOException {
		ProcessedLogo logo = processor.process(png(256, 256), "logo.svg", "image/svg+xml", rules());

		assertThat(logo.detectedFormat()).isEqualTo("png");
	}

	@Test
	void processWhenLosslessWebpThenDecodedAndReencodedAsPng() throws IOException {
		ProcessedLogo logo = processor.process(resource("logo-256-lossless.webp"), "logo.webp", "image/webp",
				rules());

		assertThat(logo.detectedFormat()).isEqualTo("webp");
		assertThat(logo.width()).isEqualTo(256);
		assertThat(logo.height()).isEqualTo(256);
		assertThat(chunkTypes(logo.png())).containsOnly("IHDR", "IDAT", "IEND");
		BufferedImage out = read(logo.png());
		assertThat(out.getRGB(10, 10) >>> 24).isZero();
		assertThat(out.getRGB(10, 200)).isEqualTo(Color.RED.getRGB());
		assertThat(out.getRGB(200, 10)).isEqualTo(Color.BLUE.getRGB());
	}

	@Test
	void processWhenLossyWebpWithAlphaThenDecodedAndReencodedAsPng() throws IOException {
		ProcessedLogo logo = processor.process(resource("logo-256-lossy.webp"), "logo.webp", "image/webp", rules());

		assertThat(logo.detectedFormat()).isEqualTo("webp");
		assertThat(logo.width()).isEqualTo(256);
		BufferedImage out = read(logo.png());
		assertThat(out.getRGB(10, 10) >>> 24).isZero();
		Color red = new Color(out.getRGB(10, 200), true);
		assertThat(red.getRed()).isGreaterThan(200);
		assertThat(red.getBlue()).isLessThan(60);
		assertThat(red.getAlpha()).isEqualTo(255);
	}

	@Test
	void processWhenNotSquareAndPackAllowsItThenAccepted() throws IOException {
		LogoRules rules = new LogoRules(Set.of("png"), MIB, 256, 2048, false);

		ProcessedLogo logo = processor.process(png(400, 256), "logo.png", "image/png", rules);

		assertThat(logo.width()).isEqualTo(400);
		assertThat(logo.height()).isEqualTo(256);
	}

	// refused: what the file is

	@Test
	void processWhenSvgNamedPngThenRefusedAsSvg() {
		assertRejected(svg(), "logo.png", "image/png", rules())
			.isEqualTo("The logo must be PNG, JPEG or WebP; SVG is not accepted.");
	}

	@Test
	void processWhenSvgDeclaredAsSvgThenRefusedAsSvg() {
		assertRejected(svg(), "logo.svg", "image/svg+xml", rules())
			.isEqualTo("The logo must be PNG, JPEG or WebP; SVG is not accepted.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<?xml version=\"1.0\"?>\n<!DOCTYPE svg><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
			"\uFEFF  \n<SVG xmlns=\"http://www.w3.org/2000/svg\"></SVG>",
			"<!-- made by hand --><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
			"<?xml version=\"1.0\"?><x/>" })
	void processWhenSvgOrXmlInAnyDisguiseThenRefusedAsSvg(String markup) {
		assertRejected(markup.getBytes(StandardCharsets.UTF_8), "logo.png", "image/png", rules())
			.isEqualTo("The logo must be PNG, JPEG or WebP; SVG is not accepted.");
	}

	@Test
	void processWhenSvgIsUtf16ThenRefusedAsSvg() {
		byte[] utf16 = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_16LE);

		assertRejected(utf16, "logo.png", "image/png", rules()).contains("SVG is not accepted");
	}

	@Test
	void processWhenGifNamedPngThenRefusedAsNotAnAllowedImage() throws IOException {
		BufferedImage image = new BufferedImage(256, 256, BufferedImage.TYPE_BYTE_INDEXED);

		assertRejected(encode(image, "gif"), "logo.png", "image/png", rules()).isEqualTo(
				"The file is not an allowed image although it is labelled as PNG (the file contains GIF data). "
						+ "The logo must be PNG, JPEG or WebP.");
	}

	@Test
	void processWhenZipNamedPngThenRefusedAsNotAnAllowedImage() throws IOException {
		assertRejected(zip("logo.png", "not really"), "logo.png", "image/png", rules())
			.startsWith("The file is not an allowed image")
			.contains("ZIP");
	}

	@Test
	void processWhenHtmlNamedJpegThenRefusedAsNotAnAllowedImage() {
		byte[] html = "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

		assertRejected(html, "logo.jpg", "image/jpeg", rules()).startsWith("The file is not an allowed image")
			.contains("labelled as JPEG")
			.contains("HTML");
	}

	@Test
	void processWhenBytesAreUnrecognisableThenRefusedAsNotAnAllowedImage() {
		assertRejected("just some text".getBytes(StandardCharsets.UTF_8), "notes.txt", "text/plain", rules())
			.isEqualTo("The file is not an allowed image. The logo must be PNG, JPEG or WebP.");
	}

	@Test
	void processWhenWebpAndPackAllowsPngOnlyThenRefused() throws IOException {
		LogoRules pngOnly = new LogoRules(Set.of("png"), MIB, 256, 2048, true);

		assertRejected(resource("logo-256-lossless.webp"), "logo.webp", "image/webp", pngOnly)
			.isEqualTo("The logo must be PNG; WebP is not accepted.");
	}

	@Test
	void processWhenJpegAndPackAllowsPngAndWebpThenRefused() throws IOException {
		LogoRules rules = new LogoRules(Set.of("webp", "png"), MIB, 256, 2048, true);

		assertRejected(jpeg(256, 256), "logo.jpg", "image/jpeg", rules)
			.isEqualTo("The logo must be PNG or WebP; JPEG is not accepted.");
	}

	// refused: size

	@Test
	void processWhenEmptyThenRefused() {
		assertRejected(new byte[0], "logo.png", "image/png", rules()).isEqualTo("The logo file is empty.");
	}

	@Test
	void processWhenMoreBytesThanPackAllowsThenRefusedBeforeLookingAtTheContent() {
		byte[] upload = new byte[MIB + 1];
		System.arraycopy(svg(), 0, upload, 0, svg().length);

		assertRejected(upload, "logo.png", "image/png", rules())
			.isEqualTo("The logo file is 1.1 MB; the largest allowed is 1 MB.");
	}

	@Test
	void processWhenPackAllowsMoreThanTheHardCapThenTheHardCapApplies() {
		LogoRules generous = new LogoRules(Set.of("png"), Integer.MAX_VALUE, 256, 2048, true);

		assertRejected(new byte[LogoProcessor.HARD_MAX_BYTES + 1], "logo.png", "image/png", generous)
			.isEqualTo("The logo file is 10.1 MB; the largest allowed is 10 MB.");
	}

	@Test
	void processWhenWiderThanPackAllowsThenRefused() throws IOException {
		LogoRules rules = new LogoRules(Set.of("png"), MIB, 256, 512, true);

		assertRejected(png(600, 600), "logo.png", "image/png", rules)
			.isEqualTo("The logo is 600×600 pixels; the largest allowed is 512×512.");
	}

	@Test
	void processWhenSmallerThanPackAllowsThenRefused() throws IOException {
		assertRejected(png(64, 64), "logo.png", "image/png", rules())
			.isEqualTo("The logo is 64×64 pixels; the smallest allowed is 256×256.");
	}

	@Test
	void processWhenNotSquareAndPackRequiresSquareThenRefused() throws IOException {
		assertRejected(jpeg(300, 256), "logo.jpg", "image/jpeg", rules())
			.isEqualTo("The logo is 300×256 pixels; it must be square (as wide as it is tall).");
	}

	@Test
	void processWhenHeaderClaims100000By100000PixelsThenRefusedWithoutDecoding() throws IOException {
		byte[] bomb = withIhdrSize(png(256, 256), 100_000, 100_000);
		assertThat(bomb.length).isLessThan(4096);

		// Decoding would need 40 GB; a rejection naming the header's size shows the pixels were never read.
		assertRejected(bomb, "logo.png", "image/png", rules())
			.isEqualTo("The logo is 100000×100000 pixels; the largest allowed is 2048×2048.");
	}

	// refused: damaged

	@Test
	void processWhenPngIsTruncatedThenRefusedAsUnreadable() throws IOException {
		byte[] whole = png(256, 256);
		byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

		assertRejected(truncated, "logo.png", "image/png", rules())
			.startsWith("The logo could not be read as a PNG image");
	}

	@Test
	void processWhenPngHasOnlyItsSignatureThenRefusedAsUnreadable() {
		assertRejected(pngSignature(), "logo.png", "image/png", rules())
			.startsWith("The logo could not be read as a PNG image");
	}

	@Test
	void processWhenJpegIsTruncatedThenRefusedAsUnreadable() throws IOException {
		byte[] whole = jpeg(256, 256);
		byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

		assertRejected(truncated, "logo.jpg", "image/jpeg", rules())
			.startsWith("The logo could not be read as a JPEG image");
	}

	@Test
	void processWhenWebpIsTruncatedThenRefusedAsUnreadable() throws IOException {
		byte[] whole = resource("logo-256-lossy.webp");
		byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

		assertRejected(truncated, "logo.webp", "image/webp", rules())
			.startsWith("The logo could not be read as a WebP image");
	}

	@Test
	void processWhenRejectedThenTheFieldIsLogo() {
		assertThatExceptionOfType(LogoRejectedException.class)
			.isThrownBy(() -> processor.process(svg(), "logo.png", "image/png", rules()))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("logo"));
	}

	// fixtures

	private AbstractStringAssert<?> assertRejected(byte[] upload, String name, String type,
			LogoRules rules) {
		LogoRejectedException ex = catchThrowableOfType(LogoRejectedException.class,
				() -> processor.process(upload, name, type, rules));
		assertThat(ex).as("a LogoRejectedException").isNotNull();
		return assertThat(ex.getMessage());
	}

	private static LogoRules rules() {
		return new LogoRules(Set.of("png", "jpeg", "webp"), MIB, 256, 2048, true);
	}

	/** Left part red, right part blue, opaque. */
	private static byte[] png(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.RED);
		g.fillRect(0, 0, width / 2, height);
		g.setColor(Color.BLUE);
		g.fillRect(width / 2, 0, width - width / 2, height);
		g.dispose();
		return encode(image, "png");
	}

	private static byte[] jpeg(int width, int height) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setColor(Color.ORANGE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.BLACK);
		g.drawString("Acme", width / 4, height / 2);
		g.dispose();
		return encode(image, "jpeg");
	}

	private static byte[] svg() {
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\"><script>alert(1)</script></svg>"
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] zip(String entry, String content) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		return bytes.toByteArray();
	}

	private static byte[] encode(BufferedImage image, String format) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, bytes)).as("ImageIO can write " + format).isTrue();
		return bytes.toByteArray();
	}

	private static BufferedImage read(byte[] png) throws IOException {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		assertThat(image).as("a readable PNG").isNotNull();
		return image;
	}

	private static byte[] resource(String name) throws IOException {
		try (InputStream in = LogoProcessorTests.class.getResourceAsStream("/logos/" + name)) {
			assertThat(in).as("test resource /logos/" + name).isNotNull();
			return in.readAllBytes();
		}
	}

	private static byte[] pngSignature() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	}

	/** The chunk types of a PNG in file order. */
	private static List<String> chunkTypes(byte[] png) {
		List<String> types = new ArrayList<>();
		ByteBuffer buffer = ByteBuffer.wrap(png);
		buffer.position(8);
		while (buffer.remaining() >= 12) {
			int length = buffer.getInt();
			byte[] type = new byte[4];
			buffer.get(type);
			types.add(new String(type, StandardCharsets.ISO_8859_1));
			buffer.position(buffer.position() + length + 4);
			if (types.getLast().equals("IEND")) {
				break;
			}
		}
		return types;
	}

	/** Inserts a chunk right after IHDR (signature 8 bytes + IHDR 25 bytes), with a correct CRC. */
	private static byte[] withChunkAfterIhdr(byte[] png, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
		chunk.putInt(data.length).put(typeBytes).put(data).putInt((int) crc(typeBytes, data));
		return concat(Arrays.copyOf(png, 33), chunk.array(), Arrays.copyOfRange(png, 33, png.length));
	}

	/** Rewrites IHDR's width and height and its CRC: a small file whose header claims a huge image. */
	private static byte[] withIhdrSize(byte[] png, int width, int height) {
		byte[] patched = png.clone();
		ByteBuffer buffer = ByteBuffer.wrap(patched);
		buffer.putInt(16, width).putInt(20, height);
		buffer.putInt(29, (int) crc(Arrays.copyOfRange(patched, 12, 29)));
		return patched;
	}

	private static long crc(byte[]... parts) {
		CRC32 crc = new CRC32();
		for (byte[] part : parts) {
			crc.update(part);
		}
		return crc.getValue();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			bytes.writeBytes(part);
		}
		return bytes.toByteArray();
	}

	private static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
