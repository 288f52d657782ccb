from handbook.build import BuildState


def test_the_outer_build_is_known_from_the_language_stack():
    state = BuildState()
    assert state.begin_language()  # the default language starts the build
    assert state.outer()
    assert not state.begin_language()  # i18n builds the next language from inside the first
    state.end_language()
    assert state.outer()  # back in the default language's on_post_build
    state.end_language()
    assert not state.outer()
    state.begin_language()
    state.reset()  # a failed build starts afresh
    assert state.begin_language()
