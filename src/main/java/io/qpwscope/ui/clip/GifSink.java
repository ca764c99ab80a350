package io.qpwscope.ui.clip;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF through the JDK's own GIF writer: every frame carries a graphic control
 * extension with its delay (in 1/100 s, at least 2: players slow down shorter ones), the
 * first also the NETSCAPE2.0 application extension that makes players loop forever. The
 * writer builds each frame's 256-colour palette itself from the RGB image (the timeline's
 * colours are few and flat, so the palette keeps them exact).
 */
public final class GifSink implements FrameSink {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageWriter writer;
    private final ImageOutputStream out;
    private boolean first = true;
    private boolean closed;
    private double debtCs;

    public GifSink(Path file) throws IOException {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("gif");
        if (!it.hasNext()) throw new IOException("this Java runtime has no GIF writer");
        writer = it.next();
        out = ImageIO.createImageOutputStream(file.toFile());
        if (out == null) throw new IOException("cannot open " + file + " for writing");
        writer.setOutput(out);
        writer.prepareWriteSequence(null);
    }

    @Override
    public void frame(BufferedImage image, double ms) throws IOException {
        // a running total keeps the clip's length right although each delay is rounded to 1/100 s
        debtCs += ms / 10;
        int cs = (int) Math.max(2, Math.round(debtCs));
        debtCs -= cs;
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
        configure(meta, cs, first);
        first = false;
        writer.writeToSequence(new IIOImage(image, null, meta), param);
    }

    private static void configure(IIOMetadata meta, int delayCs, boolean loop) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", "0");
        if (loop) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(FORMAT, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) return (IIOMetadataNode) root.item(i);
        }
        IIOMetadataNode n = new IIOMetadataNode(name);
        root.appendChild(n);
        return n;
    }

    @Override
    public void finish() throws IOException {
        writer.endWriteSequence();
        out.flush();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        writer.dispose();
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted by the caller when it was not finished
        }
    }
}
