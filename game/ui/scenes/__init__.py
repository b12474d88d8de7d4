"""The scenes: main menu, new game set-up, the game screen, dialogs, the debrief."""
