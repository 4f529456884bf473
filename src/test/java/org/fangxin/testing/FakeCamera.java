package org.fangxin.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns a picture (a screenshot of the consumer's QR code) into a one-frame Y4M video, which Chromium's fake camera
 * ({@code --use-file-for-fake-video-capture}) plays in a loop: the counter's getUserMedia scanner films that picture.
 */
public final class FakeCamera {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;

    private FakeCamera() {
    }

    /** Writes the picture, centred on white and scaled to fit, as a 640 × 480 grey Y4M (4:2:0) file. */
    public static Path y4m(byte[] png, Path file) {
        try {
            BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
            BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = frame.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double scale = Math.min(1.0, Math.min((HEIGHT - 40.0) / picture.getHeight(), (WIDTH - 40.0) / picture.getWidth()));
            int w = (int) (picture.getWidth() * scale);
            int h = (int) (picture.getHeight() * scale);
            g.drawImage(picture, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
            g.dispose();
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\nFRAME\n").getBytes(StandardCharsets.US_ASCII));
                byte[] luma = new byte[WIDTH * HEIGHT];
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        int rgb = frame.getRGB(x, y);
                        int r = (rgb >> 16) & 0xff;
                        int gr = (rgb >> 8) & 0xff;
                        int b = rgb & 0xff;
                        luma[y * WIDTH + x] = (byte) ((299 * r + 587 * gr + 114 * b) / 1000);
                    }
                }
                out.write(luma);
                byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
                java.util.Arrays.fill(chroma, (byte) 128);
                out.write(chroma);
                out.write(chroma);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
