package org.fangxin.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** Page attributes are computed for rendered pages only: an API answer (no view) or a redirect pays nothing. */
class PageAttributesInterceptorTests {

    private final AtomicInteger asked = new AtomicInteger();
    private final PageAttributesInterceptor interceptor = new PageAttributesInterceptor(List.of((request, model) -> {
        asked.incrementAndGet();
        model.put("fxChrome", "chrome of " + request.getRequestURI());
    }));

    @Test
    void fillsARenderedPagesModel() {
        ModelAndView page = new ModelAndView("cards/list");

        interceptor.postHandle(new MockHttpServletRequest("GET", "/cards"), new MockHttpServletResponse(), this, page);

        assertThat(page.getModel()).containsEntry("fxChrome", "chrome of /cards");
    }

    @Test
    void asksNothingForAnApiAnswerOrARedirect() {
        ModelAndView redirect = new ModelAndView("redirect:/cards");

        interceptor.postHandle(new MockHttpServletRequest("POST", "/api/v1/redemptions"), new MockHttpServletResponse(), this, null);
        interceptor.postHandle(new MockHttpServletRequest("POST", "/cards/buy"), new MockHttpServletResponse(), this, redirect);

        assertThat(asked).hasValue(0);
        assertThat(redirect.getModel()).doesNotContainKey("fxChrome");
    }

    @Test
    void keepsAnAttributeTheHandlerSetItself() {
        ModelAndView page = new ModelAndView("home");
        page.addObject("fxChrome", "the handler's own");

        interceptor.postHandle(new MockHttpServletRequest("GET", "/home"), new MockHttpServletResponse(), this, page);

        assertThat(page.getModel()).containsEntry("fxChrome", "the handler's own");
    }
}
