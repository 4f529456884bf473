package org.fangxin.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which running instance of the service this is: {@code fangxin.instance-id} (FANGXIN_INSTANCE_ID) when set, else
 * {@code <host>-<pid>-<4 random hex>}, so two instances on one host (or two containers with the same host name)
 * are told apart in the job table ({@code picked_by}), the logs and the health details.
 */
@Component
public class InstanceIdentity {

    static final int LENGTH_MAX = 60;
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1," + LENGTH_MAX + "}");

    private final String id;

    public InstanceIdentity(@Value("${fangxin.instance-id:}") String configured) {
        this.id = configured == null || configured.isBlank() ? generated() : checked(configured.trim());
    }

    public String id() {
        return id;
    }

    private static String checked(String configured) {
        if (!SANE.matcher(configured).matches()) {
            throw new IllegalStateException("fangxin.instance-id must be 1 to " + LENGTH_MAX
                    + " characters of letters, digits, '.', '_', ':' or '-'");
        }
        return configured;
    }

    private static String generated() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        host = host.replaceAll("[^A-Za-z0-9.-]", "-");
        if (host.length() > 40) {
            host = host.substring(0, 40);
        }
        byte[] random = new byte[2];
        new SecureRandom().nextBytes(random);
        return host + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return id;
    }
}
