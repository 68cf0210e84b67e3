package dev.gatehouse.apps.internal.logo;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageReaderWriterSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.springframework.stereotype.Component;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import dev.gatehouse.policy.pack.PolicyPack.LogoRules;

/**
 * Checks an uploaded app logo against the policy pack's {@link LogoRules} and re-encodes it as a PNG.
 * <p>
 * The order matters: the byte size is checked before anything is parsed, the real format is read from the
 * first bytes (the declared file name and content type only shape the message), the width and height are
 * read from the image header and checked before any pixel is decoded (so a small file claiming 100000×100000
 * pixels never allocates), and only then is the image decoded and written out again as a fresh PNG. The
 * re-encoding drops every chunk, segment and trailing byte of the upload: text and EXIF metadata, ICC
 * profiles (the pixels are converted to sRGB first), and anything appended to make a polyglot file.
 * <p>
 * Every codec is chosen explicitly, never by asking ImageIO for "a reader for png". PNG and JPEG are read,
 * and PNG written, by the JDK's own codecs (the registry always holds them, and a library on the class path
 * cannot slip in another decoder for the same name). WebP is read by TwelveMonkeys' reader, constructed
 * directly from its {@link WebPImageReaderSpi} rather than looked up in the ImageIO registry: the registry
 * scans the class path for plugins once, with whatever context class loader its first caller had, and in a
 * Spring Boot fat jar that loader may not see {@code BOOT-INF/lib}, so the lookup can come back empty.
 * Constructing the reader works the same in tests, in the IDE and in the packaged jar.
 * <p>
 * Stateless and thread-safe: each call uses its own reader and writer.
 */
@Component
public final class LogoProcessor {

	/** No pack may raise the byte limit above this. */
	static final int HARD_MAX_BYTES = 10 * 1024 * 1024;

	/** No pack may raise the side limit above this (the pack parser allows up to 8192 as well). */
	static final int HARD_MAX_PIXELS = 8192;

	private static final String NAMES_ALL = "PNG, JPEG or WebP";

	private static final ImageReaderSpi PNG_READERS = jdkCodec(ImageReaderSpi.class, "png");

	private static final ImageReaderSpi JPEG_READERS = jdkCodec(ImageReaderSpi.class, "jpeg");

	private static final ImageWriterSpi PNG_WRITERS = jdkCodec(ImageWriterSpi.class, "png");

	private static final ImageReaderSpi WEBP_READERS = new WebPImageReaderSpi();

	/**
	 * Checks and re-encodes one upload.
	 * @param upload the uploaded bytes
	 * @param declaredFileName the file name the browser sent, or {@code null}; never trusted
	 * @param declaredContentType the content type the browser sent, or {@code null}; never trusted
	 * @param rules the pack's logo rules
	 * @return the re-encoded logo
	 * @throws LogoRejectedException when the upload breaks a rule or cannot be decoded
	 */
	public ProcessedLogo process(byte[] upload, String declaredFileName, String declaredContentType,
			LogoRules rules) {
		Objects.requireNonNull(rules, "rules");
		checkByteSize(upload, rules);
		Content content = Content.sniff(upload);
		checkFormat(content, Content.declared(declaredFileName, declaredContentType), rules);
		BufferedImage decoded = decode(upload, content, rules);
		byte[] png = encodePng(toSrgbArgb(decoded));
		return new ProcessedLogo(png, decoded.getWidth(), decoded.getHeight(), sha256Hex(png), content.id);
	}

	private static void checkByteSize(byte[] upload, LogoRules rules) {
		if (upload == null || upload.length == 0) {
			throw new LogoRejectedException("The logo file is empty.");
		}
		int limit = rules.maxBytes() > 0 ? Math.min(rules.maxBytes(), HARD_MAX_BYTES) : HARD_MAX_BYTES;
		if (upload.length > limit) {
			throw new LogoRejectedException("The logo file is " + sizeRoundedUp(upload.length)
					+ "; the largest allowed is " + sizeRoundedDown(limit) + ".");
		}
	}

	private static void checkFormat(Content content, Content declared, LogoRules rules) {
		if (content == Content.SVG) {
			throw new LogoRejectedException("The logo must be " + allowedNames(rules) + "; SVG is not accepted.");
		}
		if (!content.image) {
			String found = content == Content.UNKNOWN ? "" : " (the file contains " + content.name + " data)";
			String label = declared.image ? " although it is labelled as " + declared.name : "";
			throw new LogoRejectedException("The file is not an allowed image" + label + found
					+ ". The logo must be " + allowedNames(rules) + ".");
		}
		if (!rules.formats().contains(content.id)) {
			throw new LogoRejectedException(
					"The logo must be " + allowedNames(rules) + "; " + content.name + " is not accepted.");
		}
	}

	private static BufferedImage decode(byte[] upload, Content content, LogoRules rules) {
		ImageReader reader = readerFor(content);
		List<String> warnings = new ArrayList<>();
		reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
			reader.setInput(in, false, true);
			// The header only: nothing of the pixel data has been read or allocated yet.
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			checkDimensions(width, height, rules);
			BufferedImage image = reader.read(0);
			if (!warnings.isEmpty() || image.getWidth() != width || image.getHeight() != height) {
				throw unreadable(content);
			}
			return image;
		}
		catch (LogoRejectedException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// Malformed input surfaces as IIOException, EOFException or, from some decoders, an index error.
			throw unreadable(content);
		}
		finally {
			reader.dispose();
		}
	}

	private static void checkDimensions(int width, int height, LogoRules rules) {
		if (width <= 0 || height <= 0) {
			throw new LogoRejectedException("The logo has no pixels.");
		}
		int max = Math.min(rules.maxPixels(), HARD_MAX_PIXELS);
		if (width > max || height > max) {
			throw new LogoRejectedException("The logo is " + width + "×" + height + " pixels; the largest allowed is "
					+ max + "×" + max + ".");
		}
		if (width < rules.minPixels() || height < rules.minPixels()) {
			throw new LogoRejectedException("The logo is " + width + "×" + height
					+ " pixels; the smallest allowed is " + rules.minPixels() + "×" + rules.minPixels() + ".");
		}
		if (rules.square() && width != height) {
			throw new LogoRejectedException(
					"The logo is " + width + "×" + height + " pixels; it must be square (as wide as it is tall).");
		}
	}

	private static LogoRejectedException unreadable(Content content) {
		return new LogoRejectedException("The logo could not be read as a " + content.name
				+ " image; the file may be damaged or incomplete. Export it again and upload the new file.");
	}

	private static ImageReader readerFor(Content content) {
		ImageReaderSpi readers = switch (content) {
			case PNG -> PNG_READERS;
			case JPEG -> JPEG_READERS;
			case WEBP -> WEBP_READERS;
			default -> throw new IllegalArgumentException("No reader for " + content.id);
		};
		try {
			return readers.createReaderInstance();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the " + content.name + " reader", ex);
		}
	}

	/** The JDK's own codec for a format, never one a library on the class path registered for the same name. */
	private static <T extends ImageReaderWriterSpi> T jdkCodec(Class<T> category, String formatName) {
		Iterator<T> providers = IIORegistry.getDefaultInstance().getServiceProviders(category, false);
		while (providers.hasNext()) {
			T provider = providers.next();
			if ("java.desktop".equals(provider.getClass().getModule().getName())
					&& Arrays.asList(provider.getFormatNames()).contains(formatName)) {
				return provider;
			}
		}
		throw new IllegalStateException("The JDK has no ImageIO " + category.getSimpleName() + " for " + formatName);
	}

	/** Redraws the image as sRGB with alpha; colours in another ICC profile are converted, not copied. */
	private static BufferedImage toSrgbArgb(BufferedImage source) {
		BufferedImage argb = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_ARGB);
		ColorSpace space = source.getColorModel().getColorSpace();
		if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
			Graphics2D g = argb.createGraphics();
			try {
				g.setComposite(AlphaComposite.Src);
				g.drawImage(source, 0, 0, null);
			}
			finally {
				g.dispose();
			}
		}
		else {
			new ColorConvertOp(null).filter(source, argb);
		}
		return argb;
	}

	/** A fresh PNG: the writer gets no metadata, so it writes IHDR, IDAT and IEND only. */
	private static byte[] encodePng(BufferedImage image) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		ImageWriter writer;
		try {
			writer = PNG_WRITERS.createWriterInstance();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the JDK's PNG writer", ex);
		}
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write a PNG to memory", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	private static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private static String allowedNames(LogoRules rules) {
		List<String> names = new ArrayList<>();
		for (Content format : List.of(Content.PNG, Content.JPEG, Content.WEBP)) {
			if (rules.formats().contains(format.id)) {
				names.add(format.name);
			}
		}
		return switch (names.size()) {
			case 0 -> NAMES_ALL + " (this platform currently accepts none of them)";
			case 1 -> names.getFirst();
			default -> String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.getLast();
		};
	}

	private static String sizeRoundedUp(long bytes) {
		return size(bytes, true);
	}

	private static String sizeRoundedDown(long bytes) {
		return size(bytes, false);
	}

	/** 1 MB, 1.5 MB, 512 KB, 900 bytes; an upload's size rounds up so it never reads as equal to the limit. */
	private static String size(long bytes, boolean up) {
		if (bytes < 1024) {
			return bytes + " bytes";
		}
		long unit = bytes >= 1024 * 1024 ? 1024 * 1024 : 1024;
		String suffix = unit == 1024 ? " KB" : " MB";
		long tenths = up ? Math.ceilDiv(bytes * 10, unit) : Math.floorDiv(bytes * 10, unit);
		return (tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10)) + suffix;
	}

	/** What a file is, told by its first bytes, and what a declared name or content type claims it is. */
	private enum Content {

		PNG("png", "PNG", true), JPEG("jpeg", "JPEG", true), WEBP("webp", "WebP", true),
		SVG("svg", "SVG", false), XML("xml", "XML", false), HTML("html", "HTML", false), GIF("gif", "GIF", false),
		ZIP("zip", "ZIP", false), GZIP("gzip", "gzip", false), PDF("pdf", "PDF", false), BMP("bmp", "BMP", false),
		TIFF("tiff", "TIFF", false), ICO("ico", "ICO", false), UNKNOWN("unknown", "unknown", false);

		private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

		private static final int TEXT_PROBE = 4096;

		final String id;

		final String name;

		final boolean image;

		Content(String id, String name, boolean image) {
			this.id = id;
			this.name = name;
			this.image = image;
		}

		static Content sniff(byte[] b) {
			if (startsWith(b, 0, PNG_MAGIC)) {
				return PNG;
			}
			if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
				return JPEG;
			}
			if (startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP"))) {
				return WEBP;
			}
			if (startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a"))) {
				return GIF;
			}
			if (startsWith(b, 0, ascii("PK"))) {
				return ZIP;
			}
			if (startsWith(b, 0, new byte[] { 0x1F, (byte) 0x8B })) {
				return GZIP;
			}
			if (startsWith(b, 0, ascii("%PDF"))) {
				return PDF;
			}
			if (startsWith(b, 0, ascii("BM"))) {
				return BMP;
			}
			if (startsWith(b, 0, ascii("II*\0")) || startsWith(b, 0, ascii("MM\0*"))) {
				return TIFF;
			}
			if (startsWith(b, 0, new byte[] { 0, 0, 1, 0 })) {
				return ICO;
			}
			return sniffMarkup(b);
		}

		/** SVG (also behind an XML declaration, a comment or a doctype), other XML and HTML. */
		private static Content sniffMarkup(byte[] b) {
			String head = new String(b, 0, Math.min(b.length, TEXT_PROBE), StandardCharsets.UTF_8)
				.replace("\0", "") // UTF-16 text reads as ASCII with NULs in between
				.replace("\uFEFF", "")
				.replace("\uFFFD", "")
				.stripLeading()
				.toLowerCase(Locale.ROOT);
			if (!head.startsWith("<")) {
				return UNKNOWN;
			}
			if (head.contains("<svg")) {
				return SVG;
			}
			if (head.startsWith("<?xml")) {
				// An XML declaration on a logo upload is an SVG whose root lies past the probe, or worse.
				return SVG;
			}
			if (head.contains("<html") || head.startsWith("<!doctype html")) {
				return HTML;
			}
			return XML;
		}

		static Content declared(String fileName, String contentType) {
			String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
			String name = fileName == null ? "" : fileName.strip().toLowerCase(Locale.ROOT);
			if (type.startsWith("image/png") || name.endsWith(".png")) {
				return PNG;
			}
			if (type.startsWith("image/jpeg") || type.startsWith("image/jpg") || name.endsWith(".jpg")
					|| name.endsWith(".jpeg") || name.endsWith(".jpe") || name.endsWith(".jfif")) {
				return JPEG;
			}
			if (type.startsWith("image/webp") || name.endsWith(".webp")) {
				return WEBP;
			}
			if (type.startsWith("image/svg") || name.endsWith(".svg") || name.endsWith(".svgz")) {
				return SVG;
			}
			return UNKNOWN;
		}

		private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
			if (bytes.length < offset + prefix.length) {
				return false;
			}
			for (int i = 0; i < prefix.length; i++) {
				if (bytes[offset + i] != prefix[i]) {
					return false;
				}
			}
			return true;
		}

		private static byte[] ascii(String s) {
			return s.getBytes(StandardCharsets.ISO_8859_1);
		}

	}

}
