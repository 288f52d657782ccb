/* Checklist ticks are remembered in the browser (see hooks/checklists.py). Implemented in the onboarding work. */
