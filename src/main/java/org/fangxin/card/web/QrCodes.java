package org.fangxin.card.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * QR codes with ZXing: the holder's redemption token drawn as an SVG, and a camera frame or photo posted by the
 * counter decoded on the server (no JavaScript QR decoder is available as a WebJar here).
 */
final class QrCodes {

    /** Frames larger than this are refused before decoding (a phone photo is far below it). */
    static final int FRAME_BYTES_MAX = 8 * 1024 * 1024;
    private static final int QUIET_ZONE_MODULES = 4;
    private static final Map<EncodeHintType, Object> ENCODE = Map.of(EncodeHintType.MARGIN, QUIET_ZONE_MODULES,
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.CHARACTER_SET, "UTF-8");
    private static final Map<DecodeHintType, Object> DECODE = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE));

    private QrCodes() {
    }

    /** An SVG of the QR code (one path, one unit per module), scalable to any size on the page. */
    static String svg(String text, String label) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, ENCODE);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code of this text", e);
        }
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" id=\"qr\" role=\"img\" aria-label=\"" + escape(label)
                + "\" viewBox=\"0 0 " + width + " " + height + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"" + width + "\" height=\"" + height + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /** The text of the QR code in an image (PNG, JPEG, ...), or empty when there is none or the image is unreadable. */
    static Optional<String> decode(byte[] image) {
        if (image == null || image.length == 0 || image.length > FRAME_BYTES_MAX) {
            return Optional.empty();
        }
        try {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(image));
            if (picture == null) {
                return Optional.empty();
            }
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture)));
            return Optional.of(new QRCodeReader().decode(bitmap, DECODE).getText());
        } catch (ReaderException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
