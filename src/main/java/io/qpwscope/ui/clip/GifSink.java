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
 * first also the NETSCAPE2.0 application extension that makes players loop forever. After
 * the first, a frame holds only the rectangle that changed, with unchanged pixels transparent
 * over the previous frame ({@link GifFrame}): a growing timeline compresses to a fraction.
 */
public final class GifSink implements FrameSink {
    private static final String FORMAT = "javax_imageio_gif_image_1.0";

    private final ImageWriter writer;
    private final ImageOutputStream out;
    private boolean first = true;
    private boolean closed;
    private double debtCs;
    private int[] cur;
    private int[] prev;

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
        int w = image.getWidth(), h = image.getHeight();
        if (cur == null || cur.length != w * h) {
            cur = new int[w * h];
            prev = null;
        }
        image.getRGB(0, 0, w, h, cur, 0, w);
        GifFrame f = GifFrame.of(cur, prev, w, h);
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f.image()), param);
        configure(meta, cs, first, f);
        first = false;
        writer.writeToSequence(new IIOImage(f.image(), null, meta), param);
        int[] t = prev == null ? new int[cur.length] : prev;
        prev = cur;
        cur = t;
    }

    private static void configure(IIOMetadata meta, int delayCs, boolean loop, GifFrame f) throws IIOInvalidTreeException {
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
        IIOMetadataNode desc = child(root, "ImageDescriptor");
        desc.setAttribute("imageLeftPosition", Integer.toString(f.x()));
        desc.setAttribute("imageTopPosition", Integer.toString(f.y()));
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "doNotDispose");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", f.transparent() >= 0 ? "TRUE" : "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCs));
        gce.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, f.transparent())));
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
